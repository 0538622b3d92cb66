package io.streamwatch.regression.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two {@code fit --json} outputs side by side: every text and count equal, every other number within a
 * relative tolerance (the residuals' quantiles relative to their interquartile range, as the median of
 * residuals is near zero); the worst relative difference per quantity (the JSON path without array indices),
 * for the report.
 */
final class Agreement {

    /** The worst relative difference of each quantity over the comparisons since the last {@link #report}. */
    private static final Map<String, Double> WORST = new TreeMap<>();

    private final Map<String, Double> worst = new TreeMap<>();
    private final StringBuilder mismatches = new StringBuilder();

    static Agreement of(String cliJson, String sparkJson) {
        Agreement a = new Agreement();
        a.walk("", tree(cliJson), tree(sparkJson), 0);
        a.worst.forEach((k, v) -> WORST.merge(k, v, Math::max));
        return a;
    }

    /**
     * The report without how the input was read: the CLI reads its file once and then its spill, Spark reads
     * its cached dataset in every pass; the answers are what must agree.
     */
    private static JsonNode tree(String json) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(json);
            root.remove(List.of("sourceReads", "bytesFetched"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tolerance of a quantity: {@code relative}, except for what amplifies rounding by its own
     * conditioning, which gets a hundred times it: a coefficient's p-value (by about t²); the residuals' shape
     * diagnostics, skew, kurtosis, omnibus and Jarque-Bera with their p-values (near zero for normal
     * residuals, their relative error is that of a difference of moments); and single residuals, the
     * quartiles', each a difference y - ŷ that cancels the digits the fit explains (|y| / σ of them).
     */
    static double tolerance(String quantity, double relative) {
        boolean amplified = quantity.equals(".coefficients.pValue") || quantity.startsWith(".statistics.diagnostics.")
                && !quantity.endsWith("conditionNumber") && !quantity.endsWith("durbinWatson")
                || quantity.contains(".residuals.");
        return amplified ? 100 * relative : relative;
    }

    /**
     * Where the two differ beyond {@link #tolerance} (numbers) or at all (the rest); empty when they agree.
     */
    String mismatches(double relative) {
        StringBuilder out = new StringBuilder(mismatches);
        worst.forEach((k, v) -> {
            if (v > tolerance(k, relative)) {
                out.append(k).append(": relative difference ").append(v).append('\n');
            }
        });
        return out.toString();
    }

    /** Prints the worst relative difference of each quantity since the last report, and starts afresh. */
    static void report(String title) {
        System.out.println("Worst relative difference Spark vs CLI per quantity, " + title + ":");
        WORST.forEach((k, v) -> System.out.printf("  %-45s %.2e%n", k, v));
        WORST.clear();
    }

    /** The quantities (JSON paths) compared, each with its worst relative difference. */
    Map<String, Double> worst() {
        return Map.copyOf(worst);
    }

    double worst(String quantity) {
        return worst.getOrDefault(quantity, 0.0);
    }

    private static boolean isProbability(String path) {
        return path.endsWith("P") || path.endsWith("pValue") || path.endsWith("ProbF") || path.endsWith("fPValue");
    }

    /**
     * @param scale the quantity's natural size, below which a difference is relative to it instead: for the
     *              residuals' quantiles, whose median is near zero, their interquartile range
     */
    private void walk(String path, JsonNode a, JsonNode b, double scale) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            double d = x == y || Double.isNaN(x) && Double.isNaN(y) ? 0
                    : Math.abs(x - y) / Math.max(scale, Math.max(Math.abs(x), Math.abs(y)));
            if (isProbability(path) && Math.min(x, y) > 0 && Math.max(x, y) < 1e-3) {
                // A tail probability is about exp(-t²/2) of its statistic t: it multiplies the statistic's
                // relative rounding by t², 10 and more below 1e-3. Its logarithm keeps the statistic's accuracy.
                d = Math.abs(Math.log(x) - Math.log(y)) / Math.max(Math.abs(Math.log(x)), Math.abs(Math.log(y)));
            }
            worst.merge(path, d, Math::max);
            return;
        }
        if (a.isObject() && b.isObject()) {
            if (!a.properties().stream().map(Map.Entry::getKey).toList()
                    .equals(b.properties().stream().map(Map.Entry::getKey).toList())) {
                mismatches.append(path).append(": fields differ\n");
                return;
            }
            double quartiles = a.has("q1") && a.has("q3") ? Math.abs(a.get("q3").asDouble() - a.get("q1").asDouble()) : 0;
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                walk(path + "." + f, a.get(f), b.get(f), quartiles);
            }
            return;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path, a.get(i), b.get(i), 0);
            }
            return;
        }
        if (!a.equals(b)) {
            mismatches.append(path).append(": ").append(a).append(" vs ").append(b).append('\n');
        }
    }
}
