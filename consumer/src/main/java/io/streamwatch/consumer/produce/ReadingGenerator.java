package io.streamwatch.consumer.produce;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates records like the Kinesis Data Generator template
 * {@code {{name.firstName}},{{random.number({"min":10,"max":550})}},{{random.arrayElement(["OK","FAIL","WARN"])}}},
 * optionally with a fraction of malformed ones. The same seed gives the same sequence on every platform.
 */
public final class ReadingGenerator {

    /** Minimum and maximum temperature, inclusive, as in the template. */
    public static final int MIN_TEMP = 10;
    public static final int MAX_TEMP = 550;

    private static final List<String> STATUSES = List.of("OK", "FAIL", "WARN");
    private static final List<String> NAMES = List.of(
            "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj",
            "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Xavier", "Yvonne", "Zoe", "Aaron",
            "Bianca", "Cedric", "Delia", "Emil", "Fiona", "Gavin", "Hana", "Igor", "Jasmine", "Kofi", "Lena", "Marco",
            "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf",
            "Zainab", "Amelie", "Bruno", "Chloé", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kai",
            "Lucía", "Mateo", "Noor", "Otto", "Paula", "Ravi", "Sofia", "Tomás", "Uma", "Vikram", "Willa");
    private static final List<String> MALFORMED = List.of(
            "", "Alice", "Alice,123", "Alice,hot,OK", "Alice,123,OK,extra", ",123,OK", "Bob,,WARN", "Carol,99999999999,OK",
            "Dave,12.5,FAIL", "Erin,123,", "Frank,123,O K", "\"Grace\",123,OK");

    private final SplittableRandom random;
    private final double malformedFraction;
    private final int maxTemperature;

    public ReadingGenerator(long seed, double malformedFraction) {
        this(seed, malformedFraction, MAX_TEMP);
    }

    /**
     * @param maxTemperature the hottest reading, at least {@link #MIN_TEMP}: with 110 about one reading in ten
     *                       is an anomaly (above 100), as in a fleet that is mostly fine
     */
    public ReadingGenerator(long seed, double malformedFraction, int maxTemperature) {
        if (malformedFraction < 0 || malformedFraction > 1) {
            throw new IllegalArgumentException("malformed fraction must be in [0, 1], got " + malformedFraction);
        }
        if (maxTemperature < MIN_TEMP) {
            throw new IllegalArgumentException("max temperature must be at least " + MIN_TEMP + ", got " + maxTemperature);
        }
        this.random = new SplittableRandom(seed);
        this.malformedFraction = malformedFraction;
        this.maxTemperature = maxTemperature;
    }

    /** The next record. */
    public Generated next() {
        if (malformedFraction > 0 && random.nextDouble() < malformedFraction) {
            String text = MALFORMED.get(random.nextInt(MALFORMED.size()));
            return new Generated(text.getBytes(StandardCharsets.UTF_8), true, 0);
        }
        int temp = random.nextInt(MIN_TEMP, maxTemperature + 1);
        String text = NAMES.get(random.nextInt(NAMES.size())) + "," + temp + ","
                + STATUSES.get(random.nextInt(STATUSES.size()));
        return new Generated(text.getBytes(StandardCharsets.UTF_8), false, temp);
    }

    /** A random partition key, so records spread over all shards. */
    public String partitionKey() {
        return Long.toHexString(random.nextLong());
    }

    /**
     * @param payload     the record bytes
     * @param malformed   whether it was generated to be rejected
     * @param temperature the temperature of a well-formed record (0 for malformed)
     */
    public record Generated(byte[] payload, boolean malformed, int temperature) {
    }
}
