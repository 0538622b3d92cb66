package io.streamwatch.regression.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DDTest {

    /** The decimal as written in double-double, the exact way: the rounded value, then its rounded error. */
    private static DD exactly(String text) {
        BigDecimal exact = new BigDecimal(text.strip());
        double hi = exact.doubleValue();
        double lo = exact.subtract(new BigDecimal(hi)).doubleValue();
        return DD.normalized(hi, lo);
    }

    @Test
    void plainDecimalsParseToTheSameTwoDoublesAsTheExactWay() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder digits = new StringBuilder();
            int length = 1 + random.nextInt(15);
            for (int d = 0; d < length; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                digits.insert(random.nextInt(digits.length() + 1), '.');
            }
            String text = (random.nextInt(3) == 0 ? "-" : "") + digits;
            if (text.equals(".") || text.equals("-.")) {
                continue;
            }
            assertThat(DD.parse(text)).as(text).isEqualTo(exactly(text));
        }
    }

    @Test
    void otherNumbersStillParseTheExactWay() {
        for (String text : List.of("1e-5", "1234567890123456789", "0.1000000000000000055511151231257827", " 7.25 ",
                "+3", "-0", "-0.000")) {
            DD parsed = DD.parse(text);
            DD expected = exactly(text);
            assertThat(parsed.hi()).as(text).isEqualTo(expected.hi());
            assertThat(parsed.lo()).as(text).isEqualTo(expected.lo());
        }
    }
}
