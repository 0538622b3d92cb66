package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.design.RowSplit;
import io.streamwatch.regression.solve.DD;

/**
 * What every pass does with a row: which part it belongs to, how it is encoded and weighted. A design
 * buffer holds the encoded row, then the label at {@code width}, then the weight at {@code width + 1}.
 */
record Plan(RowEncoder encoder, int width, int labelSlot, String label, int weightSlot, double imputedWeight,
            RowSplit split, boolean penalized) {

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
     * Encodes the row into {@code design}; a label that is not a finite number, or a null weight that is
     * not imputed, makes the row invalid.
     *
     * @throws IllegalArgumentException for a negative or non-finite weight: no policy makes it usable
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
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("line " + row.line() + ": the weight " + w + " is not a "
                            + "finite number >= 0; weights must be");
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

    String problem(Row row) {
        String problem = encoder.problem(row);
        if (!problem.isEmpty()) {
            return problem;
        }
        return !Double.isFinite(row.number(labelSlot)) ? label + ": not a finite number" : "weight: null";
    }
}
