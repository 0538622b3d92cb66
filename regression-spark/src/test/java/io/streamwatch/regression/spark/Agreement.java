package io.streamwatch.regression.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two {@code fit --json} outputs side by side: every text and count equal, every other number within a
 * relative tolerance; the worst relative difference per quantity (the JSON path without array indices),
 * for the report.
 */
final class Agreement {

    /** The worst relative difference of each quantity over every comparison so far in this JVM, for the report. */
    static final Map<String, Double> WORST = new TreeMap<>();

    private final Map<String, Double> worst = new TreeMap<>();
    private final StringBuilder mismatches = new StringBuilder();

    static Agreement of(String cliJson, String sparkJson) {
        Agreement a = new Agreement();
        a.walk("", tree(cliJson), tree(sparkJson));
        a.worst.forEach((k, v) -> WORST.merge(k, v, Math::max));
        return a;
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the two differ beyond {@code relative} (numbers) or at all (the rest); empty when they agree. */
    String mismatches(double relative) {
        StringBuilder out = new StringBuilder(mismatches);
        worst.forEach((k, v) -> {
            if (v > relative) {
                out.append(k).append(": relative difference ").append(v).append('\n');
            }
        });
        return out.toString();
    }

    double worst(String quantity) {
        return worst.getOrDefault(quantity, 0.0);
    }

    private static boolean isProbability(String path) {
        return path.endsWith("P") || path.endsWith("pValue") || path.endsWith("ProbF") || path.endsWith("fPValue");
    }

    private void walk(String path, JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            double d = x == y || Double.isNaN(x) && Double.isNaN(y) ? 0
                    : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
            if (isProbability(path) && Math.min(x, y) > 0 && Math.max(x, y) < 1e-10) {
                // A tail probability is exp(-s/2) or so of a statistic s: it multiplies the statistic's
                // rounding by s/2. Its logarithm carries the statistic's relative accuracy.
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
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                walk(path + "." + f, a.get(f), b.get(f));
            }
            return;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path, a.get(i), b.get(i));
            }
            return;
        }
        if (!a.equals(b)) {
            mismatches.append(path).append(": ").append(a).append(" vs ").append(b).append('\n');
        }
    }
}
