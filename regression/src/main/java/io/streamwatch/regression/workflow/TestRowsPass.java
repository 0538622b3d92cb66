package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pass that hands the test rows used to {@link TestRows}, in input order: a part keeps its rows until
 * the parts before it are handed over, or hands each row over at once on a sequential source.
 */
final class TestRowsPass implements RowSource.Sink {

    private record Kept(long ordinal, String label, double prediction, double residual, String weight) {
    }

    private final Plan plan;
    private final double[] b;
    private final boolean allTest;
    private final TestRows direct;
    private final List<Kept> kept = new ArrayList<>();
    private final double[] design;

    private TestRowsPass(Plan plan, double[] b, boolean allTest, TestRows direct) {
        this.plan = plan;
        this.b = b;
        this.allTest = allTest;
        this.direct = direct;
        this.design = plan.buffer();
    }

    /** One pass over {@code source}: all of it is test ({@code allTest}), or its rows outside the training part. */
    static void run(RowSource source, boolean allTest, Plan plan, double[] b, Optional<String> weight, TestRows out) {
        out.begin(plan.label(), weight);
        if (source.sequential()) {
            source.scan(() -> new TestRowsPass(plan, b, allTest, out));
        } else {
            source.scanInOrder(() -> new TestRowsPass(plan, b, allTest, null), part -> part.kept.forEach(
                    k -> out.row(k.ordinal(), k.label(), k.prediction(), k.residual(), k.weight())));
        }
    }

    @Override
    public void accept(Row row) {
        if (!plan.labelled(row) || !allTest && plan.split().isTraining(row.ordinal())) {
            return;
        }
        Status status = plan.encode(row, design);
        if (status == Status.INVALID || status == Status.ZERO_WEIGHT) {
            return;
        }
        double y = design[plan.width()];
        double prediction = LinearModel.dot(design, b);
        String weight = !plan.weighted() ? null : row.isNull(plan.weightSlot())
                ? Double.toString(design[plan.width() + 1]) : row.text(plan.weightSlot());
        if (direct != null) {
            direct.row(row.ordinal(), row.text(plan.labelSlot()), prediction, y - prediction, weight);
        } else {
            kept.add(new Kept(row.ordinal(), row.text(plan.labelSlot()), prediction, y - prediction, weight));
        }
    }
}
