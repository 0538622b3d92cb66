package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.workflow.LinearModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * What {@code predict} computes for a row and how it prints it, in one place for both readers: the general
 * one prints each row as it is read; the parallel one computes a part's rows on its thread ({@link Part})
 * and the parts are printed in file order. Rows are numbered as they are printed.
 */
final class Predictions {

    /** The interval columns to print. */
    enum Columns { NONE, CONFIDENCE, PREDICTION }

    private final LinearModel model;
    private final int idSlot;
    private final Optional<LinearModel.Intervals> intervals;
    private final Columns columns;

    /**
     * @param idSlot    the slot of the id column, or -1 to number the rows
     * @param intervals the model's intervals at the chosen level, when {@code columns} is not NONE
     */
    Predictions(LinearModel model, int idSlot, Optional<LinearModel.Intervals> intervals, Columns columns) {
        this.model = model;
        this.idSlot = idSlot;
        this.intervals = intervals;
        this.columns = columns;
    }

    /**
     * One row's result.
     *
     * @param id the id column's value ("" when null), or empty to print the row's number
     */
    record Result(Optional<String> id, LinearModel.Prediction prediction, Optional<LinearModel.Interval> interval) {
    }

    /** The row's prediction, intervals and id. Thread-safe. */
    Result of(Row row) {
        Optional<String> id = idSlot < 0 ? Optional.empty() : Optional.of(row.isNull(idSlot) ? "" : row.text(idSlot));
        Optional<LinearModel.Interval> interval = columns == Columns.NONE ? Optional.empty()
                : intervals.orElseThrow().of(row);
        return new Result(id, model.predict(row), interval);
    }

    /** A part of the input's results, kept until the parts before it are printed. */
    Part part() {
        return new Part();
    }

    final class Part implements RowSource.Sink {
        final List<Result> results = new ArrayList<>();

        @Override
        public void accept(Row row) {
            results.add(of(row));
        }
    }

    /** Prints to {@code out}, the header first; closing it closes {@code out}. Not thread-safe. */
    Printer printer(Appendable out, String idColumn, String label) throws IOException {
        return new Printer(out, idColumn, label);
    }

    final class Printer implements AutoCloseable {
        private final CSVPrinter csv;
        private long rows;
        private long predicted;
        private long refused;

        private Printer(Appendable out, String idColumn, String label) throws IOException {
            csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            List<String> header = new ArrayList<>(List.of(idColumn, "prediction_" + label));
            if (columns != Columns.NONE) {
                header.addAll(List.of("mean_se", "mean_ci_lower", "mean_ci_upper"));
            }
            if (columns == Columns.PREDICTION) {
                header.addAll(List.of("obs_ci_lower", "obs_ci_upper"));
            }
            header.add("problem");
            csv.printRecord(header);
        }

        /** Prints the next row's result. */
        void print(Result result) {
            rows++;
            LinearModel.Prediction p = result.prediction();
            // Value by value: printRecord builds a list and a stream a row, most of predict's garbage.
            try {
                csv.print(result.id().isPresent() ? result.id().get() : Long.toString(rows));
                csv.print(p.valid() ? Double.toString(p.value()) : "");
                if (columns != Columns.NONE) {
                    Optional<LinearModel.Interval> i = result.interval();
                    printAll(i.map(v -> new double[] {v.meanSe(), v.meanLower(), v.meanUpper()}), 3);
                    if (columns == Columns.PREDICTION) {
                        printAll(i.map(v -> new double[] {v.obsLower(), v.obsUpper()}), 2);
                    }
                }
                csv.print(p.problem());
                csv.println();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
            }
            if (p.valid()) {
                predicted++;
            } else {
                refused++;
            }
        }

        /** The values, or {@code count} empty fields. */
        private void printAll(Optional<double[]> values, int count) throws IOException {
            for (int k = 0; k < count; k++) {
                csv.print(values.isPresent() ? Double.toString(values.get()[k]) : "");
            }
        }

        long predicted() {
            return predicted;
        }

        long refused() {
            return refused;
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }
}
