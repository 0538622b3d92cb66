package io.streamwatch.regression.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** statsmodels' (patsy's) string restrictions over a design's column names, good and bad. */
class LinearHypothesisTest {

    private static final List<String> NAMES = List.of("(Intercept)", "value", "capital", "x1", "x10",
            "Property_Area=Urban", "Property_Area=Semiurban", "a:b", "I(a^2)");

    private static double[][] r(String text) {
        return LinearHypothesis.parse(text, NAMES).r();
    }

    private static double[] q(String text) {
        return LinearHypothesis.parse(text, NAMES).q();
    }

    private static double[] row(double... at) {
        double[] out = new double[NAMES.size()];
        for (int k = 0; k < at.length; k += 2) {
            out[(int) at[k]] = at[k + 1];
        }
        return out;
    }

    @Test
    void restrictionsBecomeRowsOfRAndQ() {
        assertThat(r("value = capital")).isDeepEqualTo(new double[][] {row(1, 1, 2, -1)});
        assertThat(q("value = capital")).containsExactly(0);
        assertThat(r("value = 0, capital = 0")).isDeepEqualTo(new double[][] {row(1, 1), row(2, 1)});
        assertThat(r("2*value - capital = 1")).isDeepEqualTo(new double[][] {row(1, 2, 2, -1)});
        assertThat(q("2*value - capital = 1")).containsExactly(1);
        assertThat(r("(value + capital)/2 = 0.1, Intercept = -40")).isDeepEqualTo(new double[][] {row(1, 0.5, 2, 0.5), row(0, 1)});
        assertThat(q("(value + capital)/2 = 0.1, Intercept = -40")).containsExactly(0.1, -40);
        // An expression alone means "= 0"; a chain is two restrictions, as patsy reads them.
        assertThat(r("value")).isDeepEqualTo(new double[][] {row(1, 1)});
        assertThat(r("value = capital = x1")).isDeepEqualTo(new double[][] {row(1, 1, 2, -1), row(2, 1, 3, -1)});
        assertThat(r("-value + 3 = capital*2")).isDeepEqualTo(new double[][] {row(1, -1, 2, -2)});
        assertThat(q("-value + 3 = capital*2")).containsExactly(-3);
        assertThat(q("1e-3*value = 2.5E2")).containsExactly(250);
        assertThat(r("1e-3*value = 2.5E2")).isDeepEqualTo(new double[][] {row(1, 1e-3)});
    }

    @Test
    void namesAreMatchedAsWrittenTheLongestFirst() {
        assertThat(r("Property_Area=Urban = Property_Area=Semiurban")).isDeepEqualTo(new double[][] {row(5, 1, 6, -1)});
        assertThat(r("a:b = 0, I(a^2) = 0")).isDeepEqualTo(new double[][] {row(7, 1), row(8, 1)});
        assertThat(r("x1 = x10")).isDeepEqualTo(new double[][] {row(3, 1, 4, -1)});
        assertThat(r("(Intercept) = 1")).isDeepEqualTo(new double[][] {row(0, 1)});
        assertThat(r("`(Intercept)` = `value`")).isDeepEqualTo(new double[][] {row(0, 1, 1, -1)});
        assertThat(LinearHypothesis.parse("  value = capital ", NAMES).text()).isEqualTo("value = capital");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "value = capitl|unknown column 'capitl'; the design's columns are (Intercept), value, capital",
        "x100 = 0|unknown column 'x100'",
        "`x2` = 0|unknown column 'x2'",
        "value = = 1|unexpected '=' at character 9",
        "value * capital = 0|the '*' at character 7 multiplies one column by another",
        "value / capital = 0|the '/' at character 7 divides by a column",
        "1 = 2|no column appears in the restriction",
        "3|a restriction without any column",
        "value = (capital|the '(' at character 9 is not closed",
        "value = capital $|unexpected '$' at character 17",
        "value =|it ends where a column, a number or '(' should come",
        "(value = 1) * 2|stands inside an expression",
        "value = capital)|unexpected ')' at character 16",
        "`value = 0|a backquote at character 1 is not closed"})
    void aBadHypothesisSaysWhatIsWrongAndWhere(String text, String message) {
        assertThatThrownBy(() -> LinearHypothesis.parse(text, NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hypothesis '" + text + "': ")
                .hasMessageContaining(message);
    }

    @Test
    void anEmptyHypothesisIsRefused() {
        assertThatThrownBy(() -> LinearHypothesis.parse("  ", NAMES)).hasMessageContaining("nothing to test");
    }
}
