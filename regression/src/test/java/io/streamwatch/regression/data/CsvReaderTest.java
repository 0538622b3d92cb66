package io.streamwatch.regression.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private final CsvReader reader = new CsvReader(CsvOptions.DEFAULT);

    private DataTable read(String csv) {
        return reader.read("test.csv", new StringReader(csv));
    }

    @Test
    void infersTheNarrowestTypeThatFitsEveryValue() {
        DataTable t = read("""
                i,d,b,s,mixed,empty
                1,1.5,true,a,1,
                -2,3,FALSE,b,x,NA
                +3,1e3,true,c,2.5,
                """);
        assertThat(t.schema().columns()).extracting(Column::type).containsExactly(ColumnType.INTEGER, ColumnType.DOUBLE,
                ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING);
        assertThat(t.rows().get(2)).containsExactly(3L, 1000.0, true, "c", "2.5", null);
    }

    @Test
    void readsEmptyFieldsAndNullTokensAsNull() {
        DataTable t = read("a,b\n1,NA\n,2\n");
        assertThat(t.rows().get(0)[1]).isNull();
        assertThat(t.rows().get(1)[0]).isNull();
        assertThat(t.schema().columns()).extracting(Column::type).containsOnly(ColumnType.INTEGER);
    }

    @Test
    void readsSparksSpellingsOfNonFiniteNumbersAsDoublesButNotJavasHexFloats() {
        DataTable t = read("a,b\nNaN,0x1p3\nInfinity,0x1p3\n-Inf,1d\n+Infinity,0x1p3\nInf,1d\n-Infinity,1d\n+Inf,1d\n");
        assertThat(t.schema().column("a").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.schema().column("b").type()).isEqualTo(ColumnType.STRING);
        assertThat(t.rows()).extracting(r -> (Double) r[0]).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
    }

    @Test
    void honoursDelimiterQuoteAndEmbeddedDelimiters() {
        DataTable t = new CsvReader(new CsvOptions(';', '\'', Set.of())).read("x", new StringReader(
                "name;value\n'Smith; John';3\n'multi\nline';4\n"));
        assertThat(t.rows().get(0)).containsExactly("Smith; John", 3L);
        assertThat(t.rows().get(1)[0]).isEqualTo("multi\nline");
    }

    @Test
    void printsTheSchemaLikeSpark() {
        assertThat(read("Loan_ID,LoanAmount\nLP1,10\n").schema().treeString()).isEqualTo("""
                root
                 |-- Loan_ID: string (nullable = true)
                 |-- LoanAmount: integer (nullable = true)
                """);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsReportedWithItsLine() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,4,5\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("test.csv, line 3: 3 fields but the header has 2 (an unquoted delimiter in a value?)");
    }

    @Test
    void anUnclosedQuoteIsAMalformedFileNotAStackTrace() {
        assertThatThrownBy(() -> read("a,b\n\"1,2\n")).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("test.csv");
    }

    @Test
    void aRepeatedHeaderNameIsRejectedAndAnEmptyOneNamedAsSparkNamesIt() {
        assertThatThrownBy(() -> read("a,a\n1,2\n")).hasMessageContaining("'a' appears twice");
        // An empty name is Spark's _c<index> (R's write.csv leaves its row-name column unnamed).
        assertThat(read("a,\n1,2\n").schema().columns()).extracting(Column::name).containsExactly("a", "_c1");
    }

    @Test
    void readsUtf8WithOrWithoutByteOrderMarkAndRejectsOtherEncodings(@TempDir Path dir) throws Exception {
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\uFEFFname,x\nJosé,1\n").getBytes(StandardCharsets.UTF_8));
        DataTable t = reader.read(bom);
        assertThat(t.schema().columns().get(0).name()).isEqualTo("name");
        assertThat(t.rows().get(0)[0]).isEqualTo("José");

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name,x\nJosé,1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> reader.read(latin1)).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> reader.read(Path.of("does-not-exist.csv"))).hasMessageContaining("no such file");
    }
}
