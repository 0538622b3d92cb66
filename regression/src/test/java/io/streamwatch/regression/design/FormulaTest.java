package io.streamwatch.regression.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaTest {

    private static final List<String> HEADER = List.of("y", "a", "b", "c", "area", "w", "odd name");

    /** The terms written back, factors joined by ':' and powers as I(x^k), C() where forced. */
    private static String terms(Formula f) {
        return f.terms().stream().map(t -> t.factors().stream().map(x -> {
            String column = f.columns().get(x.feature());
            String name = f.categorical().contains(column) ? "C(" + column + ")" : column;
            return x.power() > 1 ? "I(" + column + "^" + x.power() + ")" : name;
        }).collect(Collectors.joining(":"))).collect(Collectors.joining(" + ")) + (f.intercept() ? "" : " - 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "y ~ a + b                     | a + b",
        "y ~ a*b                       | a + b + a:b",
        "y ~ a*b*c                     | a + b + a:b + c + a:c + b:c + a:b:c",
        "y ~ a:b + b:a + a             | a:b + a",
        "y ~ C(area) + a:C(area)       | C(area) + a:C(area)",
        "y ~ a + I(a^2) + I(a^3)       | a + I(a^2) + I(a^3)",
        "y ~ a*b - a:b                 | a + b",
        "y ~ a + b - 1                 | a + b - 1",
        "y ~ 0 + a                     | a - 1",
        "y ~ a + b + 0                 | a + b - 1",
        "y ~ a - 1 + 1                 | a",
        "y ~ . - w                     | a + b + c + area + odd name",
        "y ~ `odd name` + a            | odd name + a",
        "y ~ a + a + a                 | a",
    })
    void expandsGoodFormulas(String text, String expected) {
        assertThat(terms(Formula.parse(text, HEADER, Optional.empty()))).isEqualTo(expected.strip());
        assertThat(Formula.parse(text, HEADER, Optional.empty()).label()).isEqualTo("y");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "y a + b                | a formula needs '~'",
        "y ~                    | no terms after '~'",
        "y ~ a +                | a term is missing after '+'",
        "y ~ a + nope           | no column named 'nope' (in a term)",
        "nope ~ a               | no column named 'nope' (the label)",
        "y ~ a + y              | the label 'y' cannot also be a term",
        "y ~ I(a+1)             | I() takes a column and an integer power, as I(x^2); got 'I(a+1)'",
        "y ~ I(a^0)             | the power in 'I(a^0)' must be a whole number from 1 to 20",
        "y ~ I(a^b)             | the power in 'I(a^b)' must be a whole number from 1 to 20",
        "y ~ a:a                | 'a' appears twice in one interaction",
        "y ~ C(a) + a           | column 'a' appears both as C(a) and as a number",
        "y ~ a - a              | no terms are left",
        "y ~ a b                | expected '+' or '-' at position 7: 'b'",
        "y ~ C(a                | a missing ')'",
        "y ~ `a                 | an unclosed backquote",
    })
    void refusesBadFormulasNamingTheTerm(String text, String message) {
        assertThatThrownBy(() -> Formula.parse(text, HEADER, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("formula '" + text + "': ")
                .hasMessageContaining(message.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"y ~ .  | a + b + c + area + odd name"})
    void theDotLeavesOutTheLabelAndTheWeight(String text, String expected) {
        assertThat(terms(Formula.parse(text, HEADER, Optional.of("w")))).isEqualTo(expected.strip());
    }
}
