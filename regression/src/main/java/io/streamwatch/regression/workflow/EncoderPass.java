package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.MergeableSink;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.Schema;
import io.streamwatch.regression.design.EncoderFitter;
import io.streamwatch.regression.design.RowSplit;
import io.streamwatch.regression.solve.CompensatedSum;
import java.util.Set;

/** The encoding pass's share of the rows: levels and imputation means (and the mean weight) of training rows. */
final class EncoderPass implements MergeableSink<EncoderPass>, java.io.Serializable {
    final EncoderFitter fitter;
    final CompensatedSum weightSum = new CompensatedSum();
    long weights;
    private final int labelSlot;
    private final int weightSlot;
    private final RowSplit split;

    EncoderPass(Schema features, Set<String> numericLevels, int labelSlot, int weightSlot, RowSplit split) {
        this.fitter = new EncoderFitter(features, numericLevels);
        this.labelSlot = labelSlot;
        this.weightSlot = weightSlot;
        this.split = split;
    }

    @Override
    public void accept(Row row) {
        if (!row.isNull(labelSlot) && split.isTraining(row.ordinal())) {
            fitter.add(row);
            if (weightSlot >= 0 && !row.isNull(weightSlot) && Double.isFinite(row.number(weightSlot))) {
                weightSum.add(row.number(weightSlot));
                weights++;
            }
        }
    }

    @Override
    public void mergeNext(EncoderPass other) {
        merge(other);
    }

    void merge(EncoderPass other) {
        fitter.merge(other.fitter);
        weightSum.add(other.weightSum.value());
        weights += other.weights;
    }
}
