package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.design.RowSplit;
import io.streamwatch.regression.solve.DD;
import java.util.List;

/**
 * What every pass does with a row: which part it belongs to, how it is encoded and weighted. A design
 * buffer holds the encoded row, then the label at {@code width}, then the weight at {@code width + 1}.
 *
 * @param groups the grouping columns of a cluster covariance: a training row needs a value in each
 */
record Plan(RowEncoder encoder, int width, int labelSlot, String label, int weightSlot, double imputedWeight,
            RowSplit split, boolean penalized, Groups groups) implements java.io.Serializable {

    Plan(RowEncoder encoder, int width, int labelSlot, String label, int weightSlot, double imputedWeight,
         RowSplit split, boolean penalized) {
        this(encoder, width, labelSlot, label, weightSlot, imputedWeight, split, penalized, Groups.NONE);
    }

    /**
     * The grouping columns' slots, names, and whether each holds numbers (groups keyed by value: 1935 and
     * 1935.0 are one group) or text.
     */
    record Groups(int[] slots, boolean[] numeric, List<String> names) implements java.io.Serializable {
        static final Groups NONE = new Groups(new int[0], new boolean[0], List.of());

        int size() {
            return slots.length;
        }
    }

    /**
     * {@link #encode}, for a training row: a grouping column's value that is null or, in a numeric column, not
     * a finite number makes the row invalid too (the row has no cluster). Test rows need no group.
     */
    Status encodeTraining(Row row, double[] design) {
        Status status = encode(row, design);
        if (status == Status.INVALID || status == Status.ZERO_WEIGHT) {
            return status;
        }
        return groupProblem(row).isEmpty() ? status : Status.INVALID;
    }

    /** Why the row has no group: "firm (group): null"; empty when it has one in each grouping column. */
    private String groupProblem(Row row) {
        for (int g = 0; g < groups.size(); g++) {
            int slot = groups.slots()[g];
            if (row.isNull(slot)) {
                return groups.names().get(g) + " (group): null";
            }
            if (groups.numeric()[g] && !Double.isFinite(row.number(slot))) {
                return groups.names().get(g) + " (group): "
                        + io.streamwatch.regression.data.Values.whyNotANumber(row.text(slot));
            }
        }
        return "";
    }

    boolean weighted() {
        return weightSlot >= 0;
    }

    double[] buffer() {
        return new double[width + 2];
    }

    /** Whether the row is kept at all (a null label drops it). */
    boolean labelled(Row row) {
        return !row.isNull(labelSlot);
    }

    /**
     * Encodes the row into {@code design}; a label or a weight that is not a finite number (NaN, infinite,
     * a stray value), or a null weight that is not imputed, makes the row invalid.
     *
     * @throws IllegalArgumentException for a negative weight: no policy makes it usable
     */
    Status encode(Row row, double[] design) {
        RowEncoder.Outcome outcome = encoder.encode(row, design);
        if (outcome == RowEncoder.Outcome.INVALID) {
            return Status.INVALID;
        }
        double y = row.number(labelSlot);
        design[width] = y;
        if (!Double.isFinite(y)) {
            return Status.INVALID;
        }
        boolean imputed = outcome == RowEncoder.Outcome.IMPUTED;
        double w = 1;
        if (weighted()) {
            if (row.isNull(weightSlot)) {
                if (Double.isNaN(imputedWeight)) {
                    return Status.INVALID;
                }
                w = imputedWeight;
                imputed = true;
            } else {
                w = row.number(weightSlot);
                if (!Double.isFinite(w)) {
                    return Status.INVALID;
                }
                if (w < 0) {
                    throw new IllegalArgumentException(row.where() + ": the weight " + row.text(weightSlot)
                            + " is negative; weights must be finite numbers >= 0");
                }
                if (w == 0) {
                    return Status.ZERO_WEIGHT;
                }
            }
        }
        design[width + 1] = w;
        return imputed ? Status.IMPUTED : Status.USED;
    }

    /**
     * The row in double-double for the extended factor: the design from the decimals as written, the
     * label likewise, scaled by the square root of the weight.
     */
    DD[] exact(Row row, double[] design, DD[] out) {
        encoder.encodeExtended(row, out);
        DD y;
        try {
            y = DD.parse(row.text(labelSlot));
        } catch (NumberFormatException e) {
            y = DD.of(design[width]);
        }
        out[width] = y;
        if (weighted()) {
            DD root = DD.of(design[width + 1]).sqrt();
            for (int j = 0; j <= width; j++) {
                out[j] = out[j].multiply(root);
            }
        }
        return out;
    }

    /** The row scaled by the square root of its weight, as weighted least squares factors it. */
    double[] weighted(double[] design, double[] scaled) {
        if (!weighted()) {
            return design;
        }
        double root = Math.sqrt(design[width + 1]);
        for (int j = 0; j <= width; j++) {
            scaled[j] = design[j] * root;
        }
        return scaled;
    }

    /**
     * Why {@link #encode} (or {@link #encodeTraining}) found the row invalid: "column: reason". Off the hot path:
     * it may allocate.
     */
    String problem(Row row) {
        if (encoder.encode(row, new double[width + 2]) == RowEncoder.Outcome.INVALID) {
            return encoder.problem(row);
        }
        if (!Double.isFinite(row.number(labelSlot))) {
            return label + " (the label): " + io.streamwatch.regression.data.Values.whyNotANumber(row.text(labelSlot));
        }
        if (weighted() && (row.isNull(weightSlot) ? Double.isNaN(imputedWeight) : !Double.isFinite(row.number(weightSlot)))) {
            return row.isNull(weightSlot) ? "weight: null"
                    : "weight: " + io.streamwatch.regression.data.Values.whyNotANumber(row.text(weightSlot));
        }
        String group = groupProblem(row);
        return group.isEmpty() ? "weight: null" : group;
    }
}
