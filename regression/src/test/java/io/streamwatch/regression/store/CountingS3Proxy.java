package io.streamwatch.regression.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy on a free loopback port in front of the S3 emulator that counts, per object, the
 * response body bytes it passes on for GET requests and the GETs themselves: the evidence for "each byte
 * fetched once" (a bucket's own GETs, the listings, count under key {@code ""}). It can also cut the next
 * GET of an object after some bytes, as a connection reset would, or answer it 503 SlowDown itself.
 * It relays one request and its response at a time per connection (as the SDK's clients send them), bodies
 * by Content-Length or chunked; it does not relay {@code Expect: 100-continue} uploads (the fixture uploads
 * to the emulator directly).
 */
final class CountingS3Proxy implements AutoCloseable {

    private static final byte[] SLOW_DOWN = slowDown();

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gets = new ConcurrentHashMap<>();
    private final Map<String, Cut> cuts = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    CountingS3Proxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "s3-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Body bytes passed on for GETs of {@code bucket/key} since the last {@link #reset()}. */
    long bytesServed(String bucket, String key) {
        AtomicLong n = bytes.get(bucket + "/" + key);
        return n == null ? 0 : n.get();
    }

    /** GET requests of {@code bucket/key} since the last {@link #reset()}. */
    long gets(String bucket, String key) {
        AtomicLong n = gets.get(bucket + "/" + key);
        return n == null ? 0 : n.get();
    }

    void reset() {
        bytes.clear();
        gets.clear();
        cuts.clear();
        failures.clear();
    }

    /** The next GET of {@code bucket/key} is answered {@code 503 SlowDown} by the proxy, not the emulator. */
    void failNextGet(String bucket, String key) {
        failures.put(bucket + "/" + key, 503);
    }

    /** The next {@code times} GETs of {@code bucket/key} pass on {@code afterBytes} body bytes, then close. */
    void cutGets(String bucket, String key, long afterBytes, int times) {
        cuts.put(bucket + "/" + key, new Cut(afterBytes, times));
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = new BufferedOutputStream(client.getOutputStream());
            InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
            OutputStream toUpstream = new BufferedOutputStream(upstream.getOutputStream());
            while (true) {
                Head request = Head.read(fromClient);
                if (request == null) {
                    return;
                }
                String[] target = request.startLine().split(" ");
                boolean get = target[0].equals("GET");
                String object = objectOf(target[1]);
                if (get) {
                    gets.computeIfAbsent(object, k -> new AtomicLong()).incrementAndGet();
                    if (failures.remove(object) != null) {
                        toClient.write(SLOW_DOWN);
                        toClient.flush();
                        continue;
                    }
                }
                toUpstream.write(request.raw());
                copyBody(request, fromClient, toUpstream, null, Long.MAX_VALUE);
                toUpstream.flush();

                Head response = Head.read(fromUpstream);
                if (response == null) {
                    return;
                }
                toClient.write(response.raw());
                AtomicLong counter = null;
                long cut = Long.MAX_VALUE;
                if (get) {
                    counter = bytes.computeIfAbsent(object, k -> new AtomicLong());
                    Cut[] taken = new Cut[1];
                    cuts.computeIfPresent(object, (k, c) -> {
                        taken[0] = c;
                        return c.times() > 1 ? new Cut(c.afterBytes(), c.times() - 1) : null;
                    });
                    cut = taken[0] == null ? Long.MAX_VALUE : taken[0].afterBytes();
                }
                int status = Integer.parseInt(response.startLine().split(" ")[1]);
                boolean body = !target[0].equals("HEAD") && status != 204 && status != 304;
                boolean complete = !body || copyBody(response, fromUpstream, toClient, counter, cut);
                toClient.flush();
                if (!complete || "close".equalsIgnoreCase(response.header("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // A client or the emulator dropped the connection: the request is the client's to retry.
        }
    }

    /** Copies a message body; false when it was cut (or had no length and ran to the end of the stream). */
    private static boolean copyBody(Head head, InputStream in, OutputStream out, AtomicLong counter, long cut)
            throws IOException {
        String length = head.header("content-length");
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            copyChunked(in, out, counter);
            return true;
        }
        if (length != null) {
            long n = Long.parseLong(length.trim());
            long sent = copy(in, out, Math.min(n, cut), counter);
            return sent == n;
        }
        if (head.startLine().startsWith("HTTP/")) {
            copy(in, out, cut, counter); // to the end of the stream
            return false;
        }
        return true; // a request without a body
    }

    private static long copy(InputStream in, OutputStream out, long n, AtomicLong counter) throws IOException {
        byte[] buffer = new byte[16384];
        long copied = 0;
        while (copied < n) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - copied));
            if (r < 0) {
                break;
            }
            out.write(buffer, 0, r);
            copied += r;
            if (counter != null) {
                counter.addAndGet(r);
            }
        }
        return copied;
    }

    private static void copyChunked(InputStream in, OutputStream out, AtomicLong counter) throws IOException {
        while (true) {
            String sizeLine = line(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copy(in, out, size, counter);
            out.write((line(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] slowDown() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce "
                + "your request rate.</Message></Error>";
        return ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code bucket/key} of a path-style request target, percent-decoded, without the query. */
    private static String objectOf(String target) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        String object = decoded.startsWith("/") ? decoded.substring(1) : decoded;
        // A bucket's own requests (listings) count under its root: bucket + "/" + "".
        return object.contains("/") ? object : object + "/";
    }

    private record Cut(long afterBytes, int times) {
    }

    /** A request's or response's start line and headers, as read and to be passed on unchanged. */
    private record Head(byte[] raw, String startLine, Map<String, String> headers) {

        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while (matched < 4) {
                b = in.read();
                if (b < 0) {
                    if (raw.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed mid-head");
                }
                raw.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String[] lines = raw.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new ConcurrentHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return new Head(raw.toByteArray(), lines[0], headers);
        }

        String header(String name) {
            return headers.get(name);
        }
    }
}
