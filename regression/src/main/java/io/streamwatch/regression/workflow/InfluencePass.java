package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.solve.QrFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pass that hands each training row used, with its influence measures, to {@link InfluenceRows} in input
 * order — one more pass at the fitted coefficients: the leverage {@code h = ||R^-T x||²} from the factor (a
 * triangular solve a row), the residual in about twice double precision. A part keeps its rows' measures
 * until the parts before it are handed over (or hands each row over at once on a sequential source), so
 * memory stays a few parts' worth whatever the file's size.
 */
final class InfluencePass implements RowSource.Sink {

    private final Plan plan;
    private final double[] b;
    private final QrFit fit;
    private final double rss;
    private final long n;
    private final InfluenceRows direct;
    private final Top top;
    private final double[] design;
    private final double[] scaled;
    private final double[] leverageScaled;
    private final double[] leverageWork;
    private long[] ordinals = new long[0];
    private double[] values = new double[0];
    private int kept;
    /**
     * The part's rows as CSV lines, formatted on its reading thread, when the consumer takes lines: in blocks
     * of about {@link #BLOCK} characters, small enough never to be one big array to copy and collect.
     */
    private final List<StringBuilder> text;
    private static final int BLOCK = 1 << 15;

    private InfluencePass(Plan plan, double[] b, QrFit fit, double rss, long n, InfluenceRows direct, Top top,
                          boolean lines) {
        this.plan = plan;
        this.b = b;
        this.fit = fit;
        this.rss = rss;
        this.n = n;
        this.direct = direct;
        this.top = top;
        this.design = plan.buffer();
        this.scaled = plan.buffer();
        this.leverageScaled = new double[b.length];
        this.leverageWork = new double[b.length];
        this.text = lines ? new ArrayList<>() : null;
    }

    /**
     * One pass over the training rows of {@code source}.
     *
     * @param b   the fitted coefficients
     * @param rss the fit's residual sum of squares (weighted: of the whitened residuals)
     * @param n   the training rows used
     * @return how many rows went out, and the most influential
     */
    static InfluenceSummary run(RowSource source, Plan plan, double[] b, QrFit fit, double rss, long n,
                                InfluenceRows out) {
        out.begin();
        Top top = new Top();
        if (source.sequential()) {
            source.scan(() -> new InfluencePass(plan, b, fit, rss, n, out, top, false));
        } else {
            boolean lines = out.acceptsLines();
            source.scanInOrder(() -> new InfluencePass(plan, b, fit, rss, n, null, new Top(), lines), part -> {
                if (lines) {
                    part.text.forEach(out::lines);
                } else {
                    for (int k = 0; k < part.kept; k++) {
                        int at = 5 * k;
                        double[] v = part.values;
                        out.row(part.ordinals[k], v[at], v[at + 1], v[at + 2], v[at + 3], v[at + 4]);
                    }
                }
                top.add(part.top);
            });
        }
        return new InfluenceSummary(top.seen, top.largest());
    }

    @Override
    public void accept(Row row) {
        if (!plan.labelled(row) || !plan.split().isTraining(row.ordinal())) {
            return;
        }
        Status status = plan.encodeTraining(row, design);
        if (status == Status.INVALID || status == Status.ZERO_WEIGHT) {
            return;
        }
        int p = b.length;
        double residual = design[p] - LinearModel.dot(design, b);
        double[] factored = plan.weighted(design, scaled);
        if (plan.weighted()) {
            residual *= Math.sqrt(design[p + 1]);
        }
        double h = fit.leverage(factored, leverageScaled, leverageWork);
        double s2 = rss / (n - p);
        double standard = residual / Math.sqrt(s2 * (1 - h));
        double s2Without = (rss - residual * residual / (1 - h)) / (n - p - 1);
        double student = residual / Math.sqrt(s2Without * (1 - h));
        double ratio = h / (1 - h);
        double cooks = standard * standard * ratio / p;
        double dffits = student * Math.sqrt(ratio);
        top.offer(row.ordinal(), cooks, h, student);
        if (direct != null) {
            direct.row(row.ordinal(), h, standard, student, cooks, dffits);
            return;
        }
        if (text != null) {
            StringBuilder block = text.isEmpty() ? null : text.get(text.size() - 1);
            if (block == null || block.length() > BLOCK - 160) {
                block = new StringBuilder(BLOCK);
                text.add(block);
            }
            block.append(row.ordinal()).append(',').append(h).append(',').append(standard).append(',')
                    .append(student).append(',').append(cooks).append(',').append(dffits).append('\n');
            return;
        }
        if (kept == ordinals.length) {
            int size = Math.max(1024, 2 * kept);
            ordinals = Arrays.copyOf(ordinals, size);
            values = Arrays.copyOf(values, 5 * size);
        }
        ordinals[kept] = row.ordinal();
        int at = 5 * kept;
        values[at] = h;
        values[at + 1] = standard;
        values[at + 2] = student;
        values[at + 3] = cooks;
        values[at + 4] = dffits;
        kept++;
    }

    /** The rows with the largest Cook's distance, offered in input order: an earlier row wins a tie. */
    private static final class Top {
        private final List<InfluenceSummary.Influential> largest = new ArrayList<>();
        private long seen;

        void offer(long row, double cooks, double hat, double student) {
            seen++;
            if (Double.isNaN(cooks)) {
                return;
            }
            if (largest.size() == InfluenceSummary.NAMED && cooks <= largest.get(largest.size() - 1).cooksD()) {
                return;
            }
            int at = largest.size();
            while (at > 0 && largest.get(at - 1).cooksD() < cooks) {
                at--;
            }
            largest.add(at, new InfluenceSummary.Influential(row, cooks, hat, student));
            if (largest.size() > InfluenceSummary.NAMED) {
                largest.remove(largest.size() - 1);
            }
        }

        /** The rows a later part offered, in its order: its largest, earlier rows first on ties. */
        void add(Top later) {
            long count = seen + later.seen;
            for (InfluenceSummary.Influential row : later.largest) {
                offer(row.row(), row.cooksD(), row.hat(), row.studentResid());
            }
            seen = count;
        }

        List<InfluenceSummary.Influential> largest() {
            return largest;
        }
    }
}
