package io.streamwatch.regression.io;

import io.streamwatch.regression.design.FeatureEncoding;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.LevelOrder;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.design.Term;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.workflow.LinearModel;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Saves and loads {@link LinearModel}s as versioned JSON: feature names, encodings (levels, imputation
 * values), the policies, and coefficients written with all 17 significant digits so a loaded model
 * predicts bit for bit like the one saved.
 */
public final class ModelIo {

    /**
     * Bumped on incompatible changes; older readers refuse newer files instead of misreading them. Version 2
     * adds what prediction intervals need; version 1 files still load, without intervals.
     */
    public static final int FORMAT_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelIo() {
    }

    public static void save(LinearModel model, Path file) throws IOException {
        Files.writeString(file, toJson(model));
    }

    public static String toJson(LinearModel model) {
        List<FeatureFile> features = new ArrayList<>();
        for (FeatureEncoding f : model.encoder().features()) {
            if (f instanceof FeatureEncoding.Numeric n) {
                features.add(new FeatureFile(n.name(), "numeric", null,
                        n.impute().isPresent() ? n.impute().getAsDouble() : null, null, null));
            } else {
                FeatureEncoding.Categorical c = (FeatureEncoding.Categorical) f;
                features.add(new FeatureFile(c.name(), "categorical", c.levels(), null, c.impute().orElse(null),
                        c.order() == LevelOrder.TEXT ? null : c.order().name()));
            }
        }
        List<CoefficientFile> coefficients = new ArrayList<>();
        for (int j = 0; j < model.coefficients().length; j++) {
            coefficients.add(new CoefficientFile(model.coefficientNames().get(j), model.coefficients()[j]));
        }
        InferenceFile inference = model.inference().map(i -> new InferenceFile(i.covarianceType(), i.covariance(),
                i.sigma2(), i.dfResidual())).orElse(null);
        List<List<FactorFile>> terms = model.encoder().terms().stream().map(t -> t.factors().stream()
                .map(f -> new FactorFile(model.encoder().features().get(f.feature()).name(), f.power())).toList())
                .toList();
        ModelFile file = new ModelFile(FORMAT_VERSION, "ols", model.label(), model.encoder().intercept(),
                model.encoder().invalid().name().toLowerCase(), model.encoder().unseen().name().toLowerCase(),
                features, terms, coefficients, inference);
        try {
            return JSON.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the model", e);
        }
    }

    /** The file's {@code formatVersion}. */
    public static int formatVersion(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile()).path("formatVersion").asInt(0);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a model file: " + e.getOriginalMessage(), e);
        }
    }

    public static LinearModel load(Path file) throws IOException {
        ModelFile m;
        try {
            m = JSON.readValue(file.toFile(), ModelFile.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a model file: " + e.getOriginalMessage(), e);
        }
        if (m.formatVersion() != FORMAT_VERSION && m.formatVersion() != 1) {
            throw new IOException(file + " has model format version " + m.formatVersion() + "; this tool reads version "
                    + FORMAT_VERSION);
        }
        List<FeatureEncoding> features = new ArrayList<>();
        for (FeatureFile f : m.features()) {
            features.add(switch (f.kind()) {
                case "numeric" -> new FeatureEncoding.Numeric(f.name(),
                        f.imputeValue() == null ? OptionalDouble.empty() : OptionalDouble.of(f.imputeValue()));
                case "categorical" -> new FeatureEncoding.Categorical(f.name(), f.levels(), Optional.ofNullable(f.imputeLevel()),
                        f.levelOrder() == null ? LevelOrder.TEXT : LevelOrder.valueOf(f.levelOrder()));
                default -> throw new IOException(file + ": unknown feature kind '" + f.kind() + "'");
            });
        }
        List<String> names = features.stream().map(FeatureEncoding::name).toList();
        List<Term> terms = new ArrayList<>();
        if (m.terms() == null) {
            terms.addAll(RowEncoder.mainEffects(features.size()));
        } else {
            for (List<FactorFile> t : m.terms()) {
                List<Term.Factor> factors = new ArrayList<>();
                for (FactorFile f : t) {
                    if (!names.contains(f.feature())) {
                        throw new IOException(file + ": a term refers to '" + f.feature() + "', not a feature");
                    }
                    factors.add(new Term.Factor(names.indexOf(f.feature()), f.power()));
                }
                terms.add(new Term(factors));
            }
        }
        RowEncoder encoder = new RowEncoder(features, terms, m.intercept(),
                InvalidPolicy.valueOf(m.invalidPolicy().toUpperCase()), UnseenLevelPolicy.valueOf(m.unseenLevels().toUpperCase()));
        Optional<LinearModel.Inference> inference = Optional.ofNullable(m.inference())
                .map(i -> new LinearModel.Inference(i.covarianceType(), i.covariance(), i.sigma2(), i.dfResidual()));
        return new LinearModel(m.label(), encoder, m.coefficients().stream().map(CoefficientFile::name).toList(),
                m.coefficients().stream().mapToDouble(CoefficientFile::value).toArray(), inference);
    }

    record ModelFile(int formatVersion, String kind, String label, boolean intercept, String invalidPolicy,
                     String unseenLevels, List<FeatureFile> features, List<List<FactorFile>> terms,
                     List<CoefficientFile> coefficients, InferenceFile inference) {
    }

    /** One factor of a term: a feature and its power (absent terms: the features as they are). */
    record FactorFile(String feature, int power) {
    }

    record InferenceFile(String covarianceType, double[][] covariance, double sigma2, long dfResidual) {
    }

    /** @param levelOrder absent (files before it, and text levels) for {@link LevelOrder#TEXT} */
    record FeatureFile(String name, String kind, List<String> levels, Double imputeValue, String imputeLevel,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String levelOrder) {
    }

    record CoefficientFile(String name, double value) {
    }
}
