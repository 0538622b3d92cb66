package io.streamwatch.regression.io;

import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.LinearModel;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.WorkflowOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.data.TableSource;
import io.streamwatch.regression.workflow.RegressionWorkflowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIoTest {

    @Test
    void aSavedModelLoadsBackAndPredictsBitForBit(@TempDir Path dir) throws IOException {
        DataTable loan = new CsvReader(CsvOptions.DEFAULT).read(RegressionWorkflowTest.LOAN);
        FitReport report = RegressionWorkflow.run(loan, Optional.empty(), new WorkflowOptions("LoanAmount",
                List.of("ApplicantIncome", "CoapplicantIncome", "Property_Area", "Dependents"), true,
                InvalidPolicy.IMPUTE, UnseenLevelPolicy.REFERENCE, 0.7, 42));
        Path file = dir.resolve("model.json");
        ModelIo.save(report.model(), file);
        LinearModel loaded = ModelIo.load(file);

        assertThat(loaded.coefficientNames()).isEqualTo(report.model().coefficientNames());
        assertThat(loaded.coefficients()).containsExactly(report.model().coefficients());
        assertThat(loaded.encoder()).isEqualTo(report.model().encoder());
        List<String> columns = loaded.featureColumns();
        long[] compared = new long[1];
        new TableSource(loan, columns).scan(() -> row -> {
            assertThat(loaded.predict(row)).isEqualTo(report.model().predict(row));
            compared[0]++;
        });
        assertThat(compared[0]).isEqualTo(loan.size());
        assertThat(Files.readString(file)).contains("\"formatVersion\" : 2").contains("\"covariance\"").contains("\"levels\"");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("future.json");
        Files.writeString(file, "{\"formatVersion\": 99, \"kind\": \"ols\", \"label\": \"y\", \"intercept\": true,"
                + "\"invalidPolicy\": \"error\", \"unseenLevels\": \"error\", \"features\": [], \"coefficients\": []}");
        assertThatThrownBy(() -> ModelIo.load(file)).hasMessageContaining("model format version 99");
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> ModelIo.load(file)).hasMessageContaining("is not a model file");
    }
}
