package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.MergeableSink;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.solve.CompensatedSum;
import io.streamwatch.regression.solve.DD;
import io.streamwatch.regression.solve.ExtendedQr;
import io.streamwatch.regression.solve.StreamingQr;
import java.util.List;
import java.util.Optional;

/** The factor pass's share of the rows: counts per part, the triangular factor, sums for a penalized fit. */
final class FactorPass implements MergeableSink<FactorPass>, java.io.Serializable {
    final StreamingQr qr;
    final PartCounts train = new PartCounts();
    final PartCounts test = new PartCounts();
    final CompensatedSum logWeights = new CompensatedSum();
    /** The factor in double-double, for designs with powers of exact decimals. */
    final Optional<ExtendedQr> extended;
    private final DD[] exactRow;
    /** Weighted sums of the design columns and the label, the total weight and the squared weights. */
    final CompensatedSum[] sums;
    final CompensatedSum weights = new CompensatedSum();
    final CompensatedSum weightSquares = new CompensatedSum();
    long read;
    long nullLabel;
    private final Plan plan;
    private final boolean allTest;
    private final double[] design;
    private final double[] scaled;

    FactorPass(Plan plan, boolean allTest, boolean extended) {
        this.plan = plan;
        this.allTest = allTest;
        this.extended = extended ? Optional.of(new ExtendedQr(plan.width() + 1)) : Optional.empty();
        this.exactRow = new DD[plan.width() + 1];
        this.qr = new StreamingQr(plan.width() + 1);
        this.design = plan.buffer();
        this.scaled = plan.buffer();
        this.sums = new CompensatedSum[plan.width() + 1];
        for (int j = 0; j < sums.length; j++) {
            sums[j] = new CompensatedSum();
        }
    }

    @Override
    public void accept(Row row) {
        read++;
        if (!plan.labelled(row)) {
            nullLabel++;
            return;
        }
        boolean training = !allTest && plan.split().isTraining(row.ordinal());
        PartCounts part = training ? train : test;
        part.rows++;
        Status status = training ? plan.encodeTraining(row, design) : plan.encode(row, design);
        if (status == Status.ZERO_WEIGHT) {
            part.zeroWeight++;
            return;
        }
        if (status == Status.INVALID) {
            part.skipped++;
            if (part.firstInvalidOrdinal < 0) {
                part.firstInvalidOrdinal = row.ordinal();
                part.firstInvalidWhere = row.where();
                part.firstInvalid = plan.problem(row);
            }
            return;
        }
        part.imputed += status == Status.IMPUTED ? 1 : 0;
        part.used++;
        if (training) {
            qr.add(plan.weighted(design, scaled));
            double w = plan.weighted() ? design[plan.width() + 1] : 1;
            if (extended.isPresent()) {
                extended.get().add(plan.exact(row, design, exactRow));
            }
            if (plan.weighted()) {
                logWeights.add(Math.log(w));
            }
            if (plan.penalized()) {
                for (int j = 0; j < sums.length; j++) {
                    sums[j].addProduct(w, design[j]);
                }
                weights.add(w);
                weightSquares.add(w * w);
            }
        }
    }

    static FactorPass merge(List<FactorPass> parts) {
        FactorPass total = parts.get(0);
        for (FactorPass p : parts.subList(1, parts.size())) {
            total.mergeNext(p);
        }
        return total;
    }

    @Override
    public void mergeNext(FactorPass p) {
        qr.merge(p.qr);
        extended.ifPresent(e -> e.merge(p.extended.orElseThrow()));
        train.merge(p.train);
        test.merge(p.test);
        read += p.read;
        logWeights.add(p.logWeights.value());
        for (int j = 0; j < sums.length; j++) {
            sums[j].add(p.sums[j].value());
        }
        weights.add(p.weights.value());
        weightSquares.add(p.weightSquares.value());
        nullLabel += p.nullLabel;
    }
}
