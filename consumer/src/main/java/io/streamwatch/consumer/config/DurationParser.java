package io.streamwatch.consumer.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h}, {@code 30d} or ISO-8601 {@code PT20S}. */
public final class DurationParser {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationParser() {
    }

    public static Duration parse(String setting, String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new SettingsException(setting + ": '" + text + "' is not a duration; write e.g. 500ms, 20s, 5m or PT20S");
        }
    }
}
