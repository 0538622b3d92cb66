package io.streamwatch.regression.io;

import io.streamwatch.regression.design.FeatureEncoding;
import io.streamwatch.regression.inference.CovarianceDetails;
import io.streamwatch.regression.workflow.FitReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine-readable form of a {@link FitReport} ({@code fit --json}). */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** Metrics alone, as {@code fit --json} prints its {@code test} object ({@code evaluate --json}). */
    public static String toJson(io.streamwatch.regression.inference.RegressionMetrics metrics) {
        try {
            return JSON.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the metrics", e);
        }
    }

    public static String toJson(FitReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("source", report.source());
        root.put("label", report.label());
        root.put("features", report.model().encoder().features().stream().map(FeatureEncoding::name).toList());
        root.put("intercept", report.fit().intercept());
        report.weight().ifPresent(w -> root.put("weight", w));
        root.put("rows", report.rows());
        root.put("covarianceType", report.fit().covarianceType().label());
        CovarianceDetails details = report.fit().covarianceDetails();
        if (!details.groups().isEmpty() || details.maxLags() != null) {
            root.put("covariance", details);
        }
        if (report.penalty().active()) {
            root.put("penalty", Map.of("regParam", report.penalty().lambda(), "elasticNetParam",
                    report.penalty().alpha(), "standardization", report.penalty().standardization()));
        }
        root.put("coefficients", report.fit().coefficients());
        root.put("statistics", report.fit().statistics());
        if (!report.hypotheses().isEmpty()) {
            root.put("hypotheses", report.hypotheses());
        }
        report.influence().ifPresent(i -> root.put("influence", i));
        report.test().ifPresent(t -> root.put("test", t));
        root.put("passes", report.passes());
        root.put("sourceReads", report.sourceReads());
        root.put("bytesFetched", report.bytesFetched());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }
}
