// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ncl.core.io.AtomicFiles;
import org.ncl.core.progress.EpochReport;

/**
 * The pictures of a discovery run, drawn with XChart (headless) as {@link BufferedImage}s of fixed sizes and
 * written as PNG: a scatter panel of a 2-D map ({@link #scatter}), a confusion matrix ({@link #confusionMatrix}),
 * loss and metric curves per epoch ({@link #trainingCurves}). {@link ModelPlots} feeds them from a model and data.
 */
public final class Plots {

    /** Size of one scatter panel. */
    public static final int PANEL_WIDTH = 760;
    /** Size of one scatter panel. */
    public static final int PANEL_HEIGHT = 620;
    /** Size of the confusion matrix. */
    public static final int CONFUSION_WIDTH = 860;
    /** Size of the confusion matrix. */
    public static final int CONFUSION_HEIGHT = 680;
    /** Size of one curve panel (the curves picture has two, side by side). */
    public static final int CURVE_WIDTH = 760;
    /** Size of one curve panel. */
    public static final int CURVE_HEIGHT = 520;

    /** Twenty distinguishable colours (Tableau 20 order: the ten strong ones first). */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0xaec7e8), new Color(0xffbb78), new Color(0x98df8a), new Color(0xff9896), new Color(0xc5b0d5),
        new Color(0xc49c94), new Color(0xf7b6d2), new Color(0xc7c7c7), new Color(0xdbdb8d), new Color(0x9edae5)
    };

    /** The colour for unmatched clusters. */
    public static final Color UNMATCHED = new Color(0x404040);

    private Plots() {}

    /** The i-th palette colour (cycling). */
    public static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * A scatter panel of 2-D points coloured by group.
     *
     * @param title the panel title
     * @param x the x of every point
     * @param y the y of every point
     * @param group the group of every point
     * @param series the groups in legend order, each with its legend text and colour; points of other groups are not drawn
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     */
    public static BufferedImage scatter(
            String title,
            double[] x,
            double[] y,
            String[] group,
            Map<String, Map.Entry<String, Color>> series,
            String xTitle,
            String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(PANEL_WIDTH)
                .height(PANEL_HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        Styler s = chart.getStyler();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerSize(5);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setPlotGridLinesColor(new Color(0xeeeeee));
        s.setDecimalPattern("#0.0");
        for (Map.Entry<String, Map.Entry<String, Color>> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < group.length; i++) {
                if (e.getKey().equals(group[i])) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries xy = chart.addSeries(e.getValue().getKey(), xs, ys);
            xy.setMarker(SeriesMarkers.CIRCLE);
            xy.setMarkerColor(e.getValue().getValue());
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * A confusion matrix as a heat map with the count in every cell; rows top to bottom, columns left to right.
     *
     * @param counts counts[row][column]
     * @param rowNames the row labels (true classes)
     * @param columnNames the column labels (clusters)
     */
    public static BufferedImage confusionMatrix(
            String title,
            long[][] counts,
            List<String> rowNames,
            List<String> columnNames,
            String rowTitle,
            String columnTitle) {
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(CONFUSION_WIDTH)
                .height(CONFUSION_HEIGHT)
                .title(title)
                .xAxisTitle(columnTitle)
                .yAxisTitle(rowTitle)
                .build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08519c)});
        chart.getStyler().setHeatMapValueDecimalPattern("#0");
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setXAxisLabelRotation(30);
        long max = 1;
        List<Number[]> cells = new ArrayList<>();
        int rows = rowNames.size();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columnNames.size(); c++) {
                // the heat map's y axis grows upwards: row 0 goes on top
                cells.add(new Number[] {c, rows - 1 - r, counts[r][c]});
                max = Math.max(max, counts[r][c]);
            }
        }
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        List<String> yNames = new ArrayList<>(rowNames);
        java.util.Collections.reverse(yNames);
        chart.addSeries("rows", columnNames, yNames, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Loss and metric curves per epoch: on the left every loss term of every stage against the epoch number
     * counted over all stages, on the right the evaluation metrics and the label-free selection score of the epochs
     * that report them (or a note when none does).
     */
    public static BufferedImage trainingCurves(List<EpochReport> history) {
        XYChart losses = curveChart("loss terms per epoch", "epoch (all stages)", "mean loss");
        Map<String, List<double[]>> lossSeries = new LinkedHashMap<>();
        Map<String, List<double[]>> metricSeries = new LinkedHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            EpochReport r = history.get(i);
            int x = i + 1;
            for (String term : new TreeSet<>(r.losses().keySet())) {
                if (term.equals("total") && r.losses().size() <= 2) {
                    continue; // the total of a single term repeats it
                }
                lossSeries
                        .computeIfAbsent(r.stage().name().toLowerCase(Locale.ROOT) + " " + term, k -> new ArrayList<>())
                        .add(new double[] {x, r.losses().get(term)});
            }
            for (String m : new TreeSet<>(r.metrics().keySet())) {
                metricSeries
                        .computeIfAbsent(m, k -> new ArrayList<>())
                        .add(new double[] {x, r.metrics().get(m)});
            }
            if (Double.isFinite(r.selectionScore())) {
                metricSeries
                        .computeIfAbsent("selection score (label-free)", k -> new ArrayList<>())
                        .add(new double[] {x, r.selectionScore()});
            }
        }
        addSeries(losses, lossSeries);
        BufferedImage left = lossSeries.isEmpty()
                ? note("loss terms per epoch", "no epochs recorded")
                : BitmapEncoder.getBufferedImage(losses);
        BufferedImage right;
        if (metricSeries.isEmpty()) {
            right = note("metrics per epoch", "no per-epoch metrics: the training data had no ground truth");
        } else {
            XYChart metrics = curveChart("metrics per epoch", "epoch (all stages)", "value");
            addSeries(metrics, metricSeries);
            right = BitmapEncoder.getBufferedImage(metrics);
        }
        return sideBySide(left, right);
    }

    private static XYChart curveChart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder()
                .width(CURVE_WIDTH)
                .height(CURVE_HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xeeeeee));
        c.getStyler().setMarkerSize(5);
        c.getStyler().setXAxisDecimalPattern("#0");
        return c;
    }

    private static void addSeries(XYChart chart, Map<String, List<double[]>> series) {
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setLineColor(colour(i));
            s.setMarkerColor(colour(i));
            s.setMarker(SeriesMarkers.CIRCLE);
            i++;
        }
    }

    /** A panel of curve size with a title and a line of text, for a chart with nothing to draw. */
    static BufferedImage note(String title, String text) {
        BufferedImage img = new BufferedImage(CURVE_WIDTH, CURVE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, (img.getWidth() - g.getFontMetrics().stringWidth(title)) / 2, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.DARK_GRAY);
            g.drawString(text, (img.getWidth() - g.getFontMetrics().stringWidth(text)) / 2, img.getHeight() / 2);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The images next to each other on a white background, as high as the tallest. */
    public static BufferedImage sideBySide(BufferedImage... images) {
        int w = 0;
        int h = 0;
        for (BufferedImage i : images) {
            w += i.getWidth();
            h = Math.max(h, i.getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int x = 0;
            for (BufferedImage i : images) {
                g.drawImage(i, x, 0, null);
                x += i.getWidth();
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available for " + file);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
