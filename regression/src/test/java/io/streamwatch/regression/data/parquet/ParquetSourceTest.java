package io.streamwatch.regression.data.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.InvalidRowException;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.Coefficient;
import io.streamwatch.regression.store.InputObject;
import io.streamwatch.regression.store.InputSet;
import io.streamwatch.regression.store.LocalFile;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetSourceTest {

    static final Path LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv");
    /** Small row groups: the 614 loan rows become several. */
    private static final long SMALL_ROW_GROUPS = 4 << 10;

    @TempDir
    Path dir;

    private static WorkflowOptions loanOptions() {
        return new WorkflowOptions("LoanAmount", List.of("ApplicantIncome", "CoapplicantIncome", "Credit_History",
                "Gender", "Property_Area", "Loan_Amount_Term"), true, InvalidPolicy.SKIP, UnseenLevelPolicy.ERROR,
                0.7, 42);
    }

    private static DataTable loan() {
        return new CsvReader(CsvOptions.DEFAULT).read(LOAN);
    }

    private static void assertSameFit(FitReport parquet, FitReport csv) {
        assertThat(parquet.rows()).isEqualTo(csv.rows());
        List<Coefficient> a = parquet.fit().coefficients();
        List<Coefficient> b = csv.fit().coefficients();
        assertThat(a).extracting(Coefficient::name).isEqualTo(b.stream().map(Coefficient::name).toList());
        for (int i = 0; i < a.size(); i++) {
            assertRelative(a.get(i).estimate(), b.get(i).estimate());
            assertRelative(a.get(i).standardError(), b.get(i).standardError());
        }
    }

    private static void assertRelative(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(1e-12 * Math.abs(expected));
    }

    private static FitReport csvFit() {
        return RegressionWorkflow.run(LOAN, Optional.empty(), CsvOptions.DEFAULT, loanOptions(), 2, new AtomicLong());
    }

    @Test
    void aFitOfTheLoanDataInSeveralRowGroupsEqualsTheCsvFit() {
        Path file = ParquetFiles.write(dir.resolve("loan.parquet"), loan(), 0, 614, SMALL_ROW_GROUPS);
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), RegressionWorkflow.columns(loanOptions()),
                2, new AtomicLong());
        assertThat(Footer.read(ParquetFiles.file(file).parts().get(0)).rowGroups()).hasSizeGreaterThan(2);

        assertSameFit(RegressionWorkflow.run(source, Optional.empty(), loanOptions()), csvFit());
    }

    @Test
    void anInvalidRowUnderInvalidErrorIsTheWorkflowsErrorNamingTheRow() {
        Path file = ParquetFiles.write(dir.resolve("loan.parquet"), loan(), 0, 614, SMALL_ROW_GROUPS);
        WorkflowOptions strict = new WorkflowOptions("LoanAmount", List.of("Credit_History"), true,
                InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 0.7, 42);
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), RegressionWorkflow.columns(strict), 2,
                new AtomicLong());

        assertThatThrownBy(() -> RegressionWorkflow.run(source, Optional.empty(), strict))
                .isInstanceOf(InvalidRowException.class).hasMessageContaining("row ");
    }

    @Test
    void v2PagesAndDeltaEncodingsGiveTheSameFit() {
        Path file = ParquetFiles.write(dir.resolve("loan.parquet"), loan(), 0, 614, SMALL_ROW_GROUPS,
                WriterVersion.PARQUET_2_0);
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), RegressionWorkflow.columns(loanOptions()),
                2, new AtomicLong());

        assertSameFit(RegressionWorkflow.run(source, Optional.empty(), loanOptions()), csvFit());
    }

    @Test
    void aDirectoryOfTwoPartsIsOneTableInPartOrder() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("loan"));
        DataTable loan = loan();
        ParquetFiles.write(parts.resolve("part-00000.parquet"), loan, 0, 300, SMALL_ROW_GROUPS);
        ParquetFiles.write(parts.resolve("part-00001.parquet"), loan, 300, 614, SMALL_ROW_GROUPS);
        Files.writeString(parts.resolve("_SUCCESS"), "");
        ParquetSource source = new ParquetSource(ParquetFiles.directory(parts),
                RegressionWorkflow.columns(loanOptions()), 2, new AtomicLong());

        assertThat(source.rows()).isEqualTo(614);
        assertSameFit(RegressionWorkflow.run(source, Optional.empty(), loanOptions()), csvFit());
    }

    @Test
    void rowsComeInInputOrderWithOrdinalsAcrossPartsAndRowGroups() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("loan"));
        DataTable loan = loan();
        ParquetFiles.write(parts.resolve("a.parquet"), loan, 0, 300, SMALL_ROW_GROUPS);
        ParquetFiles.write(parts.resolve("b.parquet"), loan, 300, 614, SMALL_ROW_GROUPS);
        ParquetSource source = new ParquetSource(ParquetFiles.directory(parts), List.of("Loan_ID", "LoanAmount"), 2,
                new AtomicLong());

        List<Kept> read = source.scan(Kept::new);
        List<String> ids = read.stream().flatMap(p -> p.ids.stream()).toList();
        List<Long> ordinals = read.stream().flatMap(p -> p.ordinals.stream()).toList();
        assertThat(read).hasSizeGreaterThan(2);
        assertThat(ids).isEqualTo(loan.rows().stream().map(r -> (String) r[0]).toList());
        assertThat(ordinals).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 614).boxed().toList());
    }

    /** One part's ids and ordinals. */
    private static final class Kept implements RowSource.Sink {
        final List<String> ids = new ArrayList<>();
        final List<Long> ordinals = new ArrayList<>();

        @Override
        public void accept(Row row) {
            ids.add(row.text(0));
            ordinals.add(row.ordinal());
        }
    }

    @Test
    void parquetNullsAreNullsAndTypesFollowTheCsvInference() {
        Path file = ParquetFiles.write(dir.resolve("loan.parquet"), loan(), 0, 614, SMALL_ROW_GROUPS);
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), List.of("LoanAmount", "Gender",
                "Credit_History", "Loan_ID"), 1, new AtomicLong());

        assertThat(source.columns().columns()).extracting(c -> c.type()).containsExactly(ColumnType.INTEGER,
                ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING);
        assertThat(source.schema()).isEqualTo(loan().schema());
        long[] nullLabels = new long[1];
        List<String> firstRow = new ArrayList<>();
        source.scan(() -> (RowSource.Sink) row -> {
            if (row.isNull(0)) {
                nullLabels[0]++;
            }
            if (row.ordinal() == 2) {
                firstRow.addAll(List.of(row.text(0), row.text(1), row.text(2), row.where()));
                assertThat(row.number(0)).isEqualTo(128.0);
            }
        });
        assertThat(nullLabels[0]).isEqualTo(22);
        assertThat(firstRow).containsExactly("128", "Male", "1", "row 2");
    }

    @Test
    void booleansAreNumbersOneAndZeroAsInACsvAndFloatsTheirDecimal() throws IOException {
        MessageType schema = new MessageType("t",
                Types.optional(PrimitiveTypeName.BOOLEAN).named("b"),
                Types.required(PrimitiveTypeName.FLOAT).named("f"),
                Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 18)).named("d"),
                Types.optional(PrimitiveTypeName.INT32).named("i"));
        Path file = dir.resolve("kinds.parquet");
        try (ParquetWriter<Group> w = ParquetFiles.writer(file, schema, 1 << 20)) {
            SimpleGroupFactory f = new SimpleGroupFactory(schema);
            w.write(f.newGroup().append("b", true).append("f", 0.1f).append("d", 12345L).append("i", -7));
            w.write(f.newGroup().append("f", 2.5f));
        }
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), List.of("b", "f", "d", "i"), 1,
                new AtomicLong());

        assertThat(source.columns().columns()).extracting(c -> c.type()).containsExactly(ColumnType.BOOLEAN,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.INTEGER);
        List<String> seen = new ArrayList<>();
        source.scan(() -> (RowSource.Sink) (Row row) -> {
            for (int s = 0; s < 4; s++) {
                seen.add(row.isNull(s) ? "null" : row.text(s) + "=" + row.number(s));
            }
        });
        assertThat(seen).containsExactly("true=1.0", "0.1=0.1", "123.45=123.45", "-7=-7.0",
                "null", "2.5=2.5", "null", "null");
    }

    @Test
    void aSelectedListColumnIsRefusedByNameAndAnUnselectedOneIsIgnored() throws IOException {
        MessageType schema = new MessageType("t", Types.required(PrimitiveTypeName.DOUBLE).named("x"),
                Types.optionalList().optionalElement(PrimitiveTypeName.INT32).named("tags"));
        Path file = dir.resolve("list.parquet");
        try (ParquetWriter<Group> w = ParquetFiles.writer(file, schema, 1 << 20)) {
            w.write(new SimpleGroupFactory(schema).newGroup().append("x", 1.5));
        }

        assertThat(new ParquetSource(ParquetFiles.file(file), List.of("x"), 1, new AtomicLong()).rows()).isEqualTo(1);
        assertThatThrownBy(() -> new ParquetSource(ParquetFiles.file(file), List.of("x", "tags"), 1, new AtomicLong()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'tags' is a list");
        assertThatThrownBy(() -> new ParquetSource(ParquetFiles.file(file), List.of("y"), 1, new AtomicLong()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column named 'y'");
    }

    @Test
    void aDateColumnIsListedAsNotReadAndRefusedWhenSelected() throws IOException {
        MessageType schema = new MessageType("t", Types.required(PrimitiveTypeName.DOUBLE).named("x"),
                Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("day"));
        Path file = dir.resolve("dates.parquet");
        try (ParquetWriter<Group> w = ParquetFiles.writer(file, schema, 1 << 20)) {
            w.write(new SimpleGroupFactory(schema).newGroup().append("x", 1.5).append("day", 19000));
        }
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), List.of("x"), 1, new AtomicLong());

        assertThat(source.schema().columns()).extracting(c -> c.name()).containsExactly("x");
        assertThat(source.unreadColumns()).singleElement().asString().startsWith("day: a date");
        assertThatThrownBy(() -> new ParquetSource(ParquetFiles.file(file), List.of("day"), 1, new AtomicLong()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'day' is a date");
    }

    @Test
    void aScanAdvancesTheProgressByTheSelectedColumnsBytes() {
        Path file = ParquetFiles.write(dir.resolve("loan.parquet"), loan(), 0, 614, SMALL_ROW_GROUPS);
        AtomicLong progress = new AtomicLong();
        ParquetSource one = new ParquetSource(ParquetFiles.file(file), List.of("LoanAmount"), 2, progress);
        ParquetSource two = new ParquetSource(ParquetFiles.file(file), List.of("LoanAmount", "Loan_ID"), 2,
                new AtomicLong());

        one.scan(() -> (RowSource.Sink) row -> { });
        assertThat(progress.get()).isEqualTo(one.scanBytes()).isPositive();
        assertThat(two.scanBytes()).isGreaterThan(one.scanBytes());
    }

    /** A file that records every range asked of it. */
    private record Counting(LocalFile file, List<long[]> ranges) implements InputObject {
        @Override
        public String name() {
            return file.name();
        }

        @Override
        public String fileName() {
            return file.fileName();
        }

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public java.io.InputStream open(long start, long end) {
            synchronized (ranges) {
                ranges.add(new long[] {start, end});
            }
            return file.open(start, end);
        }
    }

    @Test
    void aScanFetchesEachSelectedChunkOnceWithOneRangedReadAndTheFooterNotAgain() {
        Path file = ParquetFiles.write(dir.resolve("loan.parquet"), loan(), 0, 614, SMALL_ROW_GROUPS);
        List<long[]> ranges = new ArrayList<>();
        InputSet input = new InputSet(file.toString(), false, List.of(new Counting(LocalFile.of(file), ranges)));
        ParquetSource source = new ParquetSource(input, List.of("LoanAmount", "Gender"), 2, new AtomicLong());
        // The footer: its length and magic, then the footer itself, neither overlapping a column chunk.
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(1)[1]).isEqualTo(ranges.get(0)[0]);
        ranges.clear();

        source.scan(() -> (RowSource.Sink) row -> { });
        List<long[]> sorted = ranges.stream().sorted(java.util.Comparator.comparingLong(r -> r[0])).toList();
        long fetched = sorted.stream().mapToLong(r -> r[1] - r[0]).sum();
        assertThat(fetched).isEqualTo(source.scanBytes());
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i)[0]).isGreaterThanOrEqualTo(sorted.get(i - 1)[1]);
        }
        // Two columns per row group, one range each.
        assertThat(ranges).hasSize(2 * Footer.read(LocalFile.of(file)).rowGroups().size());
    }

    @Test
    void aFooterOfManyColumnsIsReadWhole() throws IOException {
        List<org.apache.parquet.schema.Type> wide = new ArrayList<>();
        for (int c = 0; c < 1500; c++) {
            wide.add(Types.optional(PrimitiveTypeName.DOUBLE).named("column_with_a_long_name_" + c));
        }
        MessageType schema = new MessageType("wide", wide);
        Path file = dir.resolve("wide.parquet");
        try (ParquetWriter<Group> w = ParquetFiles.writer(file, schema, 1 << 20)) {
            Group g = new SimpleGroupFactory(schema).newGroup();
            for (int c = 0; c < 1500; c++) {
                g.append("column_with_a_long_name_" + c, c + 0.5);
            }
            w.write(g);
        }
        ParquetSource source = new ParquetSource(ParquetFiles.file(file), List.of("column_with_a_long_name_1499"), 1,
                new AtomicLong());

        byte[] bytes = Files.readAllBytes(file);
        int footerLength = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt();
        assertThat(footerLength).isGreaterThan(64 << 10);
        List<Double> values = new ArrayList<>();
        source.scan(() -> (RowSource.Sink) row -> values.add(row.number(0)));
        assertThat(values).containsExactly(1499.5);
    }

    @Test
    void partsWithDifferentSchemasAreRefusedNamingThePartAndTheColumn() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        MessageType a = new MessageType("t", Types.optional(PrimitiveTypeName.DOUBLE).named("x"));
        MessageType b = new MessageType("t", Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType()).named("x"));
        try (ParquetWriter<Group> w = ParquetFiles.writer(parts.resolve("p0.parquet"), a, 1 << 20)) {
            w.write(new SimpleGroupFactory(a).newGroup().append("x", 1.0));
        }
        try (ParquetWriter<Group> w = ParquetFiles.writer(parts.resolve("p1.parquet"), b, 1 << 20)) {
            w.write(new SimpleGroupFactory(b).newGroup().append("x", "one"));
        }

        assertThatThrownBy(() -> new ParquetSource(ParquetFiles.directory(parts), List.of("x"), 1, new AtomicLong()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'x'").hasMessageContaining("p1.parquet");
    }

    @Test
    void aCsvFileIsNotAParquetFile() {
        InputSet csv = ParquetFiles.file(LOAN);

        assertThat(ParquetSource.isParquet(csv)).isFalse();
        assertThatThrownBy(() -> new ParquetSource(csv, List.of("LoanAmount"), 1, new AtomicLong()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Parquet file: " + LOAN + " (no PAR1 magic)");
    }

    @Test
    void aParquetFileIsKnownByItsMagicWhateverItsName() {
        Path file = ParquetFiles.write(dir.resolve("loan.data"), loan(), 0, 614, SMALL_ROW_GROUPS);

        assertThat(ParquetSource.isParquet(ParquetFiles.file(file))).isTrue();
    }
}
