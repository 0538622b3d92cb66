package io.streamwatch.regression.store.s3;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the S3 client sends requests, from the SDK's standard settings, as a pure function of the
 * environment and the system properties so that it can be tested (a JVM cannot change its own
 * environment). The SDK reads the same settings itself, in the same order; resolving them here also tells
 * whether to use path-style addressing: an emulator on a loopback address ({@code localhost},
 * {@code 127.x.x.x}, {@code ::1}) cannot serve {@code bucket.localhost} virtual-host names.
 *
 * @param override  the endpoint to use instead of AWS's; empty: the SDK's own resolution (which also reads
 *                  {@code endpoint_url} from the AWS config file)
 * @param pathStyle whether to address buckets as {@code http://host/bucket/key}
 */
public record S3Endpoint(Optional<URI> override, boolean pathStyle) {

    /** The SDK's settings, highest precedence first: system property, then environment variable. */
    private static final List<Setting> ORDER = List.of(
            new Setting("aws.endpointUrlS3", false), new Setting("AWS_ENDPOINT_URL_S3", true),
            new Setting("aws.endpointUrl", false), new Setting("AWS_ENDPOINT_URL", true));

    public static final S3Endpoint AWS = new S3Endpoint(Optional.empty(), false);

    /**
     * Resolves {@code aws.endpointUrlS3}, {@code AWS_ENDPOINT_URL_S3}, {@code aws.endpointUrl},
     * {@code AWS_ENDPOINT_URL} (the first one set), unless {@code aws.ignoreConfiguredEndpointUrls} or
     * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is {@code true}.
     *
     * @param env        the environment ({@code System.getenv()})
     * @param properties the system properties
     * @throws IllegalArgumentException naming the setting whose value is not an absolute http(s) URL
     */
    public static S3Endpoint resolve(Map<String, String> env, Map<?, ?> properties) {
        String ignore = value("aws.ignoreConfiguredEndpointUrls", properties)
                .or(() -> value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", env)).orElse("false");
        if (ignore.trim().equalsIgnoreCase("true")) {
            return AWS;
        }
        for (Setting setting : ORDER) {
            Optional<String> value = value(setting.name(), setting.environment() ? env : properties);
            if (value.isPresent()) {
                URI uri = parse(setting.name(), value.get().trim());
                return new S3Endpoint(Optional.of(uri), isLoopback(uri.getHost()));
            }
        }
        return AWS;
    }

    /** The endpoint of this process: {@link #resolve} of {@code System.getenv()} and the system properties. */
    public static S3Endpoint fromSystem() {
        return resolve(System.getenv(), System.getProperties());
    }

    private static Optional<String> value(String name, Map<?, ?> from) {
        Object value = from.get(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    private static URI parse(String setting, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with what a valid value looks like
        }
        throw new IllegalArgumentException(setting + "='" + value + "' is not an endpoint URL: set it to an "
                + "http(s) URL such as http://127.0.0.1:4568, or unset it to use AWS");
    }

    /** By name or literal address, without a DNS lookup: a name other than localhost is not loopback. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        boolean literal = h.matches("[0-9.]+") || h.contains(":");
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private record Setting(String name, boolean environment) {
    }
}
