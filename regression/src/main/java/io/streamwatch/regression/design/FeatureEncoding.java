package io.streamwatch.regression.design;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** How one input column becomes design-matrix columns; learned on the training part only. */
public sealed interface FeatureEncoding extends java.io.Serializable {

    String name();

    /** The design-matrix column names this feature produces. */
    List<String> columnNames();

    /** Whether training gave a value to impute (a mean or a mode). */
    boolean canImpute();

    /**
     * A numeric (or boolean, as 0/1) feature, one column.
     *
     * @param impute the training mean used for nulls under {@link InvalidPolicy#IMPUTE}
     */
    record Numeric(String name, OptionalDouble impute) implements FeatureEncoding {
        public Numeric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(impute, "impute");
        }

        @Override
        public List<String> columnNames() {
            return List.of(name);
        }

        @Override
        public boolean canImpute() {
            return impute.isPresent();
        }
    }

    /**
     * A string feature, one-hot encoded: one 0/1 column per level except the first (the reference level),
     * levels in {@code order} so the encoding is the same on every run.
     *
     * @param levels all training levels, sorted by {@code order}; the first is the reference
     * @param impute the training mode used for nulls under {@link InvalidPolicy#IMPUTE}
     * @param order  how the levels are sorted: {@link LevelOrder#NUMERIC} for {@code C(x)} of a numeric column
     */
    record Categorical(String name, List<String> levels, Optional<String> impute, LevelOrder order)
            implements FeatureEncoding {
        public Categorical {
            Objects.requireNonNull(name, "name");
            levels = List.copyOf(levels);
            Objects.requireNonNull(impute, "impute");
            Objects.requireNonNull(order, "order");
            if (!levels.stream().sorted(order.comparator()).toList().equals(levels)) {
                throw new IllegalArgumentException("the levels of '" + name + "' must be sorted: " + levels);
            }
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("categorical feature '" + name + "' has no levels in the training data");
            }
        }

        /** Levels in text order. */
        public Categorical(String name, List<String> levels, Optional<String> impute) {
            this(name, levels, impute, LevelOrder.TEXT);
        }

        @Override
        public List<String> columnNames() {
            return levels.subList(1, levels.size()).stream().map(level -> name + "=" + level).toList();
        }

        @Override
        public boolean canImpute() {
            return impute.isPresent();
        }

        /** The level's position, or -1 for a level not seen in training. */
        public int indexOf(String level) {
            int index = java.util.Collections.binarySearch(levels, level, order.comparator());
            return index >= 0 ? index : -1;
        }
    }
}
