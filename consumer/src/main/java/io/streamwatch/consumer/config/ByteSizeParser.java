package io.streamwatch.consumer.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as the JVM's flags write them ({@code 300m}, {@code 1g}, {@code 65536}), or a share of the heap. */
public final class ByteSizeParser {

    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)b?");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2}(?:\\.\\d+)?)%");

    private ByteSizeParser() {
    }

    /**
     * @param setting      the flag and variable, for the message
     * @param text         a size, a percentage of {@code maxHeapBytes} (1-99 %), or {@code default}
     * @return empty for {@code default}
     * @throws SettingsException naming the setting and what it accepts
     */
    public static Optional<Long> budget(String setting, String text, long maxHeapBytes) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("default")) {
            return Optional.empty();
        }
        Matcher percent = PERCENT.matcher(value);
        if (percent.matches()) {
            double share = Double.parseDouble(percent.group(1));
            if (share > 0) {
                return Optional.of((long) (maxHeapBytes * share / 100));
            }
        }
        Matcher size = SIZE.matcher(value);
        if (size.matches()) {
            int shift = switch (size.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long number = Long.parseLong(size.group(1));
            if (number <= (Long.MAX_VALUE >> shift)) {
                return Optional.of(number << shift);
            }
        }
        throw new SettingsException(setting + ": a size such as 300m or 1g, or a share of the max heap such as 40%, "
                + "got '" + text + "'");
    }
}
