package org.unate.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.unate.data.AtomicFiles;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.unate.eval.Predictions;

/**
 * XChart figures in one house style ({@link #style}): histograms, bar charts, lines, error bars, parity plots,
 * rendered headless to images, PNG and SVG; the same chart always gives the same bytes.
 */
public final class Charts {
    /** Default figure size in pixels. */
    public static final int WIDTH = 720, HEIGHT = 420;
    /** Width and height of a parity plot, pixels. */
    public static final int PARITY_SIZE = 560;

    private Charts() {
    }

    /**
     * A histogram of {@code values} with {@code bins} equal-width bins between the minimum and the maximum
     * (or {@code [lo, hi]} when given; values outside are dropped). Non-finite values are ignored. Whole-number values
     * (sites per cell, neighbour counts) get whole-number bins: each bin holds whole numbers only, centred on them
     * (width 1, or the smallest whole width that keeps to {@code bins} bins), and the x axis shows whole numbers.
     * A long tail squeezes the bulk into a few bins: {@link #histogramClipped} cuts it off into one overflow bar.
     */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins) {
        double[] range = range(values);
        return histogram(title, xLabel, values, bins, range[0], range[1]);
    }

    /** A histogram over {@code [lo, hi]}; see {@link #histogram(String, String, double[], int)}. */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins, double lo, double hi) {
        return histogram(title, xLabel, values, bins, lo, hi, false);
    }

    /**
     * A histogram of the values up to their {@code quantile} (e.g. 0.99), with everything above counted in one
     * overflow bar at the right, drawn in another colour and named in the legend ("over 60: 12 values, 1.2 %"), so
     * that a long tail neither hides the bulk nor disappears. Whole numbers get whole-number bins as in
     * {@link #histogram(String, String, double[], int)}.
     *
     * @param quantile in (0, 1]; 1 is the plain histogram
     * @throws IllegalArgumentException if {@code quantile} is outside (0, 1]
     */
    public static XYChart histogramClipped(String title, String xLabel, double[] values, int bins, double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
        }
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0 || quantile == 1) {
            return histogram(title, xLabel, values, bins);
        }
        double cut = finite[Math.max(0, (int) Math.ceil(quantile * finite.length) - 1)];
        if (wholeNumbers(finite)) {
            cut = Math.ceil(cut);
        }
        return histogram(title, xLabel, values, bins, finite[0], cut, cut < finite[finite.length - 1]);
    }

    /** The name of a histogram's invisible one-point series that keeps its x ticks on round numbers. */
    static final String TICK_SERIES = "(tick placement)";

    /** The finite minimum and maximum of {@code values}; {0, 1} when there is none. */
    private static double[] range(double[] values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** Whether every finite value is a whole number (and there is one). */
    static boolean wholeNumbers(double[] values) {
        boolean any = false;
        for (double v : values) {
            if (Double.isFinite(v)) {
                if (v != Math.rint(v)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * The histogram: the bin edges, then the counts; with {@code overflow} the values above {@code hi} are counted in
     * one more bar. Whole numbers get bins [k - 1/2, k + w - 1/2).
     */
    private static XYChart histogram(String title, String xLabel, double[] values, int bins, double lo, double hi,
                                     boolean overflow) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be positive, got " + bins);
        }
        boolean whole = wholeNumbers(values);
        double start, width;
        int n;
        if (whole) {
            lo = Math.floor(lo);
            hi = Math.max(lo, Math.ceil(hi));
            long span = (long) (hi - lo) + 1;
            long w = Math.max(1, (span + bins - 1) / bins);
            n = (int) ((span + w - 1) / w);
            width = w;
            start = lo - 0.5;
        } else {
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            n = bins;
            width = (hi - lo) / bins;
            start = lo;
        }
        long[] counts = new long[n];
        long over = 0, total = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            total++;
            if (v > hi) {
                over += overflow ? 1 : 0;
            } else if (v >= lo) {
                counts[Math.min(n - 1, (int) ((v - start) / width))]++;
            }
        }
        // a step outline: two points per bin edge
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            xs.add(start + b * width);
            ys.add((double) counts[b]);
            xs.add(start + (b + 1) * width);
            ys.add((double) counts[b]);
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle("count").build();
        style(c);
        c.getStyler().setLegendVisible(overflow);
        c.getStyler().setXAxisDecimalPattern(whole ? "#,##0" : "#,##0.##");
        c.getStyler().setYAxisDecimalPattern("#,##0");
        XYSeries s = c.addSeries("count", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
        // XChart puts its ticks at the x values when they are equally spaced (the bin edges: 7.23, 13.45, ...); one
        // invisible point off that grid lets it choose round numbers
        XYSeries ticks = c.addSeries(TICK_SERIES, new double[] {start + width / 2}, new double[] {0});
        ticks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        ticks.setMarker(SeriesMarkers.NONE);
        ticks.setShowInLegend(false);
        if (overflow) {
            double x0 = start + n * width;
            String cut = whole ? String.format(Locale.ROOT, "%,.0f", hi) : String.format(Locale.ROOT, "%,.4g", hi);
            XYSeries o = c.addSeries(String.format(Locale.ROOT, "over %s: %,d values, %.1f %%", cut, over,
                    total == 0 ? 0.0 : 100.0 * over / total), new double[] {x0, x0 + width / 2, x0 + width},
                    new double[] {over, over, over});
            o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            o.setMarker(SeriesMarkers.NONE);
            o.setFillColor(new Color(0xff, 0x7f, 0x0e));
            o.setLineColor(new Color(0xff, 0x7f, 0x0e));
        }
        return c;
    }

    /** A bar chart of labelled counts, in the map's iteration order. */
    public static CategoryChart bars(String title, String xLabel, String yLabel, Map<String, ? extends Number> values) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(90);
        c.addSeries(yLabel, new ArrayList<>(values.keySet()),
                values.values().stream().map(n -> (Number) n.doubleValue()).toList());
        return c;
    }

    /** A line chart of one or more series sharing x values. */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setXAxisDecimalPattern("#,##0.##");
        c.getStyler().setYAxisDecimalPattern("#,##0.###");
        series.forEach((name, y) -> c.addSeries(name, Arrays.copyOf(x, y.length), y).setMarker(SeriesMarkers.NONE));
        return c;
    }

    /** Curves indexed 1, 2, 3, ... (e.g. validation MAE per epoch), one series per entry, possibly of different lengths. */
    public static XYChart curves(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setYAxisDecimalPattern("#,##0.###");
        series.forEach((name, y) -> {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            c.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        });
        return c;
    }

    /**
     * Points with symmetric error bars joined by lines, one series per entry (e.g. the MAE of each condition against
     * the label fraction, with its confidence interval).
     *
     * @param series name -> {x, y, half-width of the bar}, three arrays of one length
     */
    public static XYChart errorBars(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setXAxisDecimalPattern("#,##0.##");
        c.getStyler().setYAxisDecimalPattern("#,##0.###");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        series.forEach((name, v) -> c.addSeries(name, v[0], v[1], v[2]).setMarker(SeriesMarkers.CIRCLE));
        return c;
    }

    /**
     * Grouped bars with symmetric error bars: one group per category, one bar per series in it.
     *
     * @param series name -> {values, half-widths}, each as long as {@code categories}
     */
    public static CategoryChart groupedBars(String title, String xLabel, String yLabel, List<String> categories,
                                            Map<String, double[][]> series) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setXAxisLabelRotation(30);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        series.forEach((name, v) -> c.addSeries(name, categories, Arrays.stream(v[0]).boxed().toList(),
                Arrays.stream(v[1]).boxed().toList()));
        return c;
    }

    /** Ten distinguishable colours (matplotlib's tab10), for charts with many series. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    /**
     * Predicted against true values with the diagonal, for a regression's test split: translucent markers (so that
     * dense regions read darker), and the MAE and the number of points in a panel at the top left.
     *
     * @param unit axis unit, e.g. "eV"
     */
    public static XYChart parity(String title, String unit, double[] truth, double[] predicted) {
        return parity(title, "true (" + unit + ")", "predicted (" + unit + ")", unit, truth, predicted);
    }

    /**
     * {@link #parity(String, String, double[], double[])} with the axis titles given (e.g. "DFT MBJ band gap (eV)").
     *
     * @param unit the unit the MAE is given in, e.g. "eV" ("" for none)
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static XYChart parity(String title, String xTitle, String yTitle, String unit, double[] truth,
                                 double[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predicted differ in length: " + truth.length + " vs "
                    + predicted.length);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        double abs = 0;
        for (int i = 0; i < truth.length; i++) {
            lo = Math.min(lo, Math.min(truth[i], predicted[i]));
            hi = Math.max(hi, Math.max(truth[i], predicted[i]));
            abs += Math.abs(predicted[i] - truth[i]);
        }
        XYChart c = new XYChartBuilder().width(PARITY_SIZE).height(PARITY_SIZE).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setXAxisDecimalPattern("#,##0.##");
        c.getStyler().setYAxisDecimalPattern("#,##0.##");
        if (truth.length > 0) {
            XYSeries diag = c.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diag.setMarker(SeriesMarkers.NONE);
            diag.setLineColor(Color.GRAY);
            XYSeries pts = c.addSeries("test", truth, predicted);
            pts.setMarker(SeriesMarkers.CIRCLE);
            pts.setMarkerColor(new Color(0x1f, 0x77, 0xb4, 64));
            String mae = String.format(Locale.ROOT, "MAE %.4f%s", abs / truth.length,
                    unit == null || unit.isBlank() ? "" : " " + unit);
            String n = String.format(Locale.ROOT, "n = %,d", truth.length);
            // screen space, in pixels: x from the left edge, y (the panel's lower edge) from the bottom edge
            c.addAnnotation(new AnnotationTextPanel(mae + "\n" + n, 80, PARITY_SIZE - 100, true));
        }
        return c;
    }

    /**
     * A parity plot of a property's test predictions, the property named on both axes with its unit ("true MBJ band
     * gap (eV)", "predicted MBJ band gap (eV)"), with the MAE and the number of crystals; see
     * {@link #parity(String, String, String, String, double[], double[])}.
     *
     * @param property what is predicted, e.g. "MBJ band gap"
     * @param unit     its unit, e.g. "eV" ("" or null for none)
     */
    public static XYChart parity(String title, String property, String unit, Predictions test) {
        String u = unit == null || unit.isBlank() ? "" : " (" + unit + ")";
        return parity(title, "true " + property + u, "predicted " + property + u, unit == null ? "" : unit,
                test.truth(), test.predicted());
    }

    /**
     * The house style: white background, the bundled DejaVu Sans ({@link ReportFonts}) for every text of the chart
     * (never a logical system font, so the glyphs and the files' bytes do not depend on the fonts installed), and
     * {@link Locale#ROOT} number formats on the axes.
     */
    static void style(Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setBaseFont(ReportFonts.regular(10));
        s.setChartTitleFont(ReportFonts.bold(14));
        s.setLegendFont(ReportFonts.regular(11));
        s.setAnnotationTextFont(ReportFonts.regular(10));
        s.setAnnotationTextPanelFont(ReportFonts.regular(11));
        s.setToolTipFont(ReportFonts.regular(11));
        s.setChartButtonFont(ReportFonts.regular(11));
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(ReportFonts.regular(12));
            a.setAxisTickLabelsFont(ReportFonts.regular(11));
            a.setLocale(Locale.ROOT);
        }
        if (s instanceof CategoryStyler cs) {
            cs.setLabelsFont(ReportFonts.regular(10));
        }
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
        s.setSeriesColors(new Color[] {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
            new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd)});
    }

    /** Renders a chart to an image (headless; no window is opened). */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart as PNG bytes: the same chart gives the same bytes (no time or software chunks are written). */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image(chart), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG: " + e.getMessage(), e);
        }
    }

    private static final Pattern CLIP_ID = Pattern.compile("clip(\\d+)");

    /**
     * The chart as SVG (XChart's {@link VectorGraphicsEncoder}, VectorGraphics2D; text as glyph outlines of the
     * bundled font), with the clip-path ids, which VectorGraphics2D derives from hash codes, renumbered
     * {@code clip1, clip2, ...} in order of appearance so that the bytes depend on the drawing only.
     */
    public static byte[] svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as SVG: " + e.getMessage(), e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher m = CLIP_ID.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        while (m.find()) {
            String id = ids.computeIfAbsent(m.group(1), k -> Integer.toString(ids.size() + 1));
            m.appendReplacement(b, "clip" + id);
        }
        m.appendTail(b);
        return rounded(b.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");

    /**
     * Every number of an SVG written with more than two decimals rounded to two (half even; 0.01 px, far below what
     * shows), trailing zeros dropped: VectorGraphics2D writes full doubles, which more than doubles the files of
     * figures with many points or glyph outlines. The SVGs of charts hold no text elements (XChart draws text as
     * glyph outlines), so only coordinates, sizes and opacities are changed.
     */
    static String rounded(String svg) {
        Matcher m = LONG_DECIMAL.matcher(svg);
        StringBuilder b = new StringBuilder(svg.length());
        while (m.find()) {
            java.math.BigDecimal v = new java.math.BigDecimal(m.group()).setScale(2, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            String s = v.signum() == 0 ? "0" : v.toPlainString();
            m.appendReplacement(b, s);
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Writes a chart as a PNG file ({@link #png}), atomically, creating parent folders. */
    public static Path savePng(Chart<?, ?> chart, Path file) {
        AtomicFiles.write(file, png(chart));
        return file;
    }

    /** Writes a chart as an SVG file ({@link #svg}), atomically, creating parent folders. */
    public static Path saveSvg(Chart<?, ?> chart, Path file) {
        AtomicFiles.write(file, svg(chart));
        return file;
    }
}
