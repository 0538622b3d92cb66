package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.MergeableSink;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.inference.MetricsAccumulator;
import io.streamwatch.regression.inference.ResidualDiagnostics;
import io.streamwatch.regression.solve.QrFit;
import java.util.List;
import java.util.Optional;

/**
 * A residual pass's share of the rows: residual sums, metrics, diagnostics and the sandwich's middle (HC
 * weights, cluster score sums or Newey-West's lagged products, as the covariance needs).
 */
final class RefinePass implements MergeableSink<RefinePass>, java.io.Serializable {
    final QrFit.Residuals residuals;
    final Optional<CovarianceMiddle> meat;
    final ResidualDiagnostics diagnostics = new ResidualDiagnostics();
    final MetricsAccumulator train = new MetricsAccumulator();
    MetricsAccumulator test = new MetricsAccumulator();
    private final Plan plan;
    private final double[] b;
    private final Sampling sampling;
    private final boolean allTest;
    private final double[] design;
    private final double[] scaled;

    RefinePass(Plan plan, QrFit.Residuals residuals, Optional<CovarianceMiddle> meat, double[] b, Sampling sampling,
               boolean allTest) {
        this.plan = plan;
        this.residuals = residuals;
        this.meat = meat;
        this.b = b;
        this.sampling = sampling;
        this.allTest = allTest;
        this.design = plan.buffer();
        this.scaled = plan.buffer();
    }

    @Override
    public void accept(Row row) {
        if (!plan.labelled(row)) {
            return;
        }
        boolean training = !allTest && plan.split().isTraining(row.ordinal());
        Status status = training ? plan.encodeTraining(row, design) : plan.encode(row, design);
        if (status == Status.INVALID || status == Status.ZERO_WEIGHT) {
            return;
        }
        double y = design[b.length];
        double w = plan.weighted() ? design[b.length + 1] : 1;
        long line = row.ordinal() + 1;
        if (training) {
            // Weighted: the factor's residual is sqrt(w) e, what statsmodels' diagnostics and sandwich use.
            double[] factored = plan.weighted(design, scaled);
            double r = residuals.add(factored);
            diagnostics.add(r);
            if (meat.isPresent()) {
                meat.get().add(row, factored, r);
            }
            double e = plan.weighted() ? r / Math.sqrt(w) : r;
            train.add(y, y - e, w, sampling.keepResidual(line, false), sampling.keepPoint(line, false));
        } else {
            test.add(y, LinearModel.dot(design, b), w, sampling.keepResidual(line, true),
                    sampling.keepPoint(line, true));
        }
    }

    static RefinePass merge(List<RefinePass> parts) {
        RefinePass total = parts.get(0);
        for (RefinePass p : parts.subList(1, parts.size())) {
            total.mergeNext(p);
        }
        return total;
    }

    /** Adds the part that follows this one in input order. */
    @Override
    public void mergeNext(RefinePass p) {
        residuals.merge(p.residuals);
        diagnostics.merge(p.diagnostics);
        meat.ifPresent(m -> m.merge(p.meat.orElseThrow()));
        train.merge(p.train);
        test.merge(p.test);
    }

    /**
     * One pass over {@code source}, each part merged into the total as soon as it and the parts before it are
     * read: the same arithmetic as {@link #merge} of all parts, but a few parts' accumulators alive at a time
     * instead of all of them (a cluster covariance's per-group sums are a part's biggest share).
     */
    static RefinePass scan(RowSource source, java.util.function.Supplier<RefinePass> parts) {
        RefinePass[] total = {null};
        source.scanInOrder(parts, part -> {
            if (total[0] == null) {
                total[0] = part;
            } else {
                total[0].mergeNext(part);
            }
        });
        return total[0];
    }
}
