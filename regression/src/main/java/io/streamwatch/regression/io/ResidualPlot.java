package io.streamwatch.regression.io;

import io.streamwatch.regression.workflow.FitReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws residuals vs fitted (training) and predicted vs actual (test, else training) to a PNG with XChart. */
public final class ResidualPlot {

    private ResidualPlot() {
    }

    public static void write(FitReport report, Path png) throws IOException {
        FitReport.Predictions train = report.training();
        double[] residuals = new double[train.actual().length];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = train.actual()[i] - train.predicted()[i];
        }
        XYChart residualChart = scatter("Residuals vs fitted (training)", "fitted " + report.label(), "residual");
        residualChart.addSeries("residuals", train.predicted(), residuals).setMarker(SeriesMarkers.CIRCLE);
        double[] span = {min(train.predicted()), max(train.predicted())};
        residualChart.addSeries("zero", span, new double[] {0, 0})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);

        FitReport.Predictions shown = report.testPredictions().orElse(train);
        String part = report.testPredictions().isPresent() ? "test" : "training";
        XYChart actualChart = scatter("Predicted vs actual (" + part + ")", "actual " + report.label(), "predicted");
        actualChart.addSeries(part, shown.actual(), shown.predicted()).setMarker(SeriesMarkers.CIRCLE);
        double lo = Math.min(min(shown.actual()), min(shown.predicted()));
        double hi = Math.max(max(shown.actual()), max(shown.predicted()));
        actualChart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);

        List<Chart> charts = List.of(residualChart, actualChart);
        // XChart adds ".png" to a name that does not end with it (in any case): the file is then moved to the path given.
        String name = png.toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            BitmapEncoder.saveBitmap(charts, 1, 2, name, BitmapEncoder.BitmapFormat.PNG);
        } else {
            BitmapEncoder.saveBitmap(charts, 1, 2, name, BitmapEncoder.BitmapFormat.PNG);
            java.nio.file.Files.move(java.nio.file.Path.of(name + ".png"), png,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static XYChart scatter(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(640).height(480).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(1);
    }
}
