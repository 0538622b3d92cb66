package io.streamwatch.regression.design;

import java.util.List;

/**
 * One term of a model: a product of factors, each an input feature (by its index in the encoder's
 * features) raised to a power. A numeric factor contributes {@code x^power}; a categorical one its
 * indicator columns (all levels but the reference). A term's design columns are the products of its
 * factors' columns, the last factor varying fastest.
 *
 * @param factors at least one; a feature appears at most once
 */
public record Term(List<Factor> factors) implements java.io.Serializable {

    /** @param power 1 for categorical factors; the integer power of {@code I(x^k)} for numeric ones */
    public record Factor(int feature, int power) implements java.io.Serializable {
        public Factor {
            if (power < 1) {
                throw new IllegalArgumentException("a factor's power must be at least 1, got " + power);
            }
        }
    }

    public Term {
        factors = List.copyOf(factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("a term needs at least one factor");
        }
    }

    /** The term of one feature on its own, as the main effect. */
    public static Term of(int feature) {
        return new Term(List.of(new Factor(feature, 1)));
    }
}
