package io.streamwatch.regression.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingFitTest {

    @Test
    void theStreamingFitAgreesWithTheInMemoryFit(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 20_000; i++) {
            // Far from the origin on purpose: raw sums of squares would lose digits here, an orthogonal factor does not.
            double a = 1e6 + random.nextDouble() * 10;
            double b = random.nextGaussian();
            double c = random.nextInt(100);
            double y = 3 + 0.5 * a - 2 * b + 0.01 * c + random.nextGaussian();
            text.append(a).append(',').append(b).append(',').append(c).append(',').append(y).append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        WorkflowOptions options = new WorkflowOptions("y", List.of("a", "b", "c"), true, InvalidPolicy.ERROR,
                UnseenLevelPolicy.ERROR, 1.0, 1);

        FitReport streamed = StreamingFit.run(file, CsvOptions.DEFAULT, options, 2, new AtomicLong());
        FitReport inMemory = RegressionWorkflow.run(new CsvReader(CsvOptions.DEFAULT).read(file), Optional.empty(), options);

        for (int j = 0; j < 4; j++) {
            Coefficient s = streamed.fit().coefficients().get(j);
            Coefficient m = inMemory.fit().coefficients().get(j);
            assertThat(s.name()).isEqualTo(m.name());
            assertThat(s.estimate()).isCloseTo(m.estimate(), within(1e-7 * Math.max(1, Math.abs(m.estimate()))));
            assertThat(s.standardError()).isCloseTo(m.standardError(), within(1e-6 * m.standardError()));
        }
        FitStatistics s = streamed.fit().statistics();
        FitStatistics m = inMemory.fit().statistics();
        assertThat(s.rSquared()).isCloseTo(m.rSquared(), within(1e-10));
        assertThat(s.fStatistic()).isCloseTo(m.fStatistic(), within(1e-6 * m.fStatistic()));
        assertThat(s.aic()).isCloseTo(m.aic(), within(1e-6));
        assertThat(s.training().rmse()).isCloseTo(m.training().rmse(), within(1e-9));
        assertThat(s.training().mae()).isCloseTo(m.training().mae(), within(1e-9));
        assertThat(s.training().residuals().min()).isCloseTo(m.training().residuals().min(), within(1e-9));
        assertThat(s.training().residuals().max()).isCloseTo(m.training().residuals().max(), within(1e-9));
        assertThat(streamed.rows().usedTraining()).isEqualTo(20_000);
        assertThat(SummaryFormatter.format(streamed)).contains("Streaming fit: all rows were used for training");
    }

    @Test
    void rowsWithoutALabelAreDroppedFirstAndCountedAsTheInMemoryWorkflowCountsThem(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("a,y\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            double a = random.nextDouble() * 10;
            // Every tenth label is missing (empty or NA), some with a bad feature too: dropped, not invalid.
            String y = i % 10 == 0 ? (i % 20 == 0 ? "" : "NA") : Double.toString(2 + 3 * a + random.nextGaussian());
            String feature = i % 30 == 0 ? "NA" : Double.toString(a);
            text.append(feature).append(',').append(y).append('\n');
        }
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, text);
        WorkflowOptions options = new WorkflowOptions("y", List.of("a"), true, InvalidPolicy.SKIP,
                UnseenLevelPolicy.ERROR, 1.0, 1);

        RowCounts streamed = StreamingFit.run(file, CsvOptions.DEFAULT, options, 2, new AtomicLong()).rows();
        RowCounts inMemory = RegressionWorkflow.run(new CsvReader(CsvOptions.DEFAULT).read(file), Optional.empty(),
                options).rows();

        assertThat(streamed.read()).isEqualTo(200).isEqualTo(inMemory.read());
        assertThat(streamed.nullLabel()).isEqualTo(20).isEqualTo(inMemory.nullLabel());
        assertThat(streamed.skippedTraining()).isEqualTo(inMemory.skippedTraining());
        assertThat(streamed.usedTraining()).isEqualTo(inMemory.usedTraining());
    }
}
