package org.unate.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.unate.crystal.ElementData;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.TableGeometry;
import org.unate.model.EpochRecord;
import org.unate.model.TrainingHistory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Charts and tables of element tables and of pretraining runs, for notebooks and reports. */
public final class ElementCharts {
    private ElementCharts() {
    }

    /** How the points of an element map are coloured. */
    public enum Colour {
        /** s, p, d, f. */
        BLOCK(d -> d.block() + " block"),
        /** IUPAC group ranges: alkali and alkaline earth, transition metals, 13-16, halogens and noble gases. */
        GROUP(d -> d.group() <= 2 ? "groups 1-2" : d.group() <= 12 ? "groups 3-12" : d.group() <= 16 ? "groups 13-16"
                : "groups 17-18");

        private final Function<ElementData, String> key;

        Colour(Function<ElementData, String> key) {
            this.key = key;
        }
    }

    /** A scatter of a two-dimensional element map, one series per colour class, every point labelled by symbol. */
    public static XYChart map(String title, List<TableGeometry.Point> points, Colour colour) {
        XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.WIDTH * 3 / 4).title(title)
                .xAxisTitle("axis 1").yAxisTitle("axis 2").build();
        Charts.style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(7);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisDecimalPattern("#,##0.##");
        c.getStyler().setYAxisDecimalPattern("#,##0.##");
        c.getStyler().setAnnotationTextFont(ReportFonts.regular(9));
        Map<String, List<TableGeometry.Point>> byClass = new TreeMap<>();
        for (TableGeometry.Point p : points) {
            byClass.computeIfAbsent(colour.key.apply(ElementData.of(p.element())), k -> new java.util.ArrayList<>())
                    .add(p);
        }
        byClass.forEach((k, ps) -> c.addSeries(k, ps.stream().mapToDouble(TableGeometry.Point::x).toArray(),
                ps.stream().mapToDouble(TableGeometry.Point::y).toArray()).setMarker(SeriesMarkers.CIRCLE));
        double lo = points.stream().mapToDouble(TableGeometry.Point::y).min().orElse(0);
        double hi = points.stream().mapToDouble(TableGeometry.Point::y).max().orElse(1);
        double lift = 0.025 * (hi - lo);
        for (TableGeometry.Point p : points) {
            c.addAnnotation(new AnnotationText(p.element().symbol(), p.x(), p.y() + lift, false));
        }
        return c;
    }

    /** The colours of the cosine classes of {@link #similarityTable}, lowest first (ColorBrewer YlOrRd, 7 classes). */
    private static final java.awt.Color[] COSINE_COLOURS = {new java.awt.Color(0xffffb2),
        new java.awt.Color(0xfed976), new java.awt.Color(0xfeb24c), new java.awt.Color(0xfd8d3c),
        new java.awt.Color(0xfc4e2a), new java.awt.Color(0xe31a1c), new java.awt.Color(0xb10026)};

    /**
     * Where an element sits in the periodic table drawn by {@link #similarityTable}: column 1-18 and row 1-7, the
     * f block (La-Yb, Ac-No; Lu and Lr are in group 3, as {@link ElementData} has them) in rows 9 and 10.
     *
     * @return {column, row}
     */
    static int[] cell(ElementData d) {
        if (d.block() == 'f') {
            int first = d.period() == 6 ? 57 : 89;
            return new int[] {3 + d.z() - first, d.period() + 3};
        }
        return new int[] {d.group(), d.period()};
    }

    /**
     * The cosine similarity of every element of a table to one element, laid out as a periodic table: one square per
     * element (Z 1-118) coloured by its cosine class (seven equal classes from the table's lowest to its highest
     * cosine, highest first in the legend), its symbol and cosine written in it; elements the table lacks are grey,
     * the reference element purple.
     *
     * @throws IllegalArgumentException naming the table if it has no vector for {@code reference}
     */
    public static XYChart similarityTable(String title, AtomEmbeddings t, String reference) {
        ElementData ref = ElementData.of(reference);
        Map<Integer, Double> cos = new TreeMap<>();
        for (TableGeometry.Neighbour n : TableGeometry.nearest(t, reference, Integer.MAX_VALUE)) {
            cos.put(n.element().z(), n.cosine());
        }
        XYChart c = new XYChartBuilder().width(960).height(600).title(title).build();
        Charts.style(c);
        org.knowm.xchart.style.XYStyler s = c.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerSize(38);
        s.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        s.setAxisTicksVisible(false);
        s.setAxisTitlesVisible(false);
        s.setPlotGridLinesVisible(false);
        s.setXAxisMin(0.5).setXAxisMax(18.5).setYAxisMin(-10.5).setYAxisMax(-0.5);
        s.setAnnotationTextFont(ReportFonts.regular(10));
        s.setAnnotationTextFontColor(java.awt.Color.BLACK);
        // seven equal classes between the lowest and the highest cosine of the table (the reference left out)
        double lo = cos.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = cos.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int classes = COSINE_COLOURS.length;
        double width = hi > lo ? (hi - lo) / classes : 1;
        Map<Integer, List<ElementData>> byClass = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (ElementData d : ElementData.all()) {
            int k = d.z() == ref.z() ? classes + 1 : !cos.containsKey(d.z()) ? -1
                    : Math.min(classes - 1, (int) Math.floor((cos.get(d.z()) - lo) / width));
            byClass.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(d);
        }
        List<java.awt.Color> colours = new java.util.ArrayList<>();
        byClass.forEach((k, ds) -> {
            String name = k == classes + 1 ? ref.symbol() + " (reference)" : k == -1 ? "not in the table"
                    : String.format(Locale.ROOT, "%.2f to %.2f", lo + k * width, lo + (k + 1) * width);
            XYSeries series = c.addSeries(name, ds.stream().mapToDouble(d -> cell(d)[0]).toArray(),
                    ds.stream().mapToDouble(d -> -cell(d)[1]).toArray());
            series.setMarker(SeriesMarkers.SQUARE);
            java.awt.Color col = k == classes + 1 ? new java.awt.Color(0x9467bd) : k == -1
                    ? new java.awt.Color(0xe0e0e0) : COSINE_COLOURS[k];
            series.setMarkerColor(col);
            colours.add(col);
        });
        s.setSeriesColors(colours.toArray(new java.awt.Color[0]));
        for (ElementData d : ElementData.all()) {
            int[] xy = cell(d);
            c.addAnnotation(new AnnotationText(d.symbol(), xy[0], -xy[1] + 0.17, false));
            if (cos.containsKey(d.z())) {
                c.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%.2f", cos.get(d.z())), xy[0],
                        -xy[1] - 0.22, false));
            }
        }
        return c;
    }

    /** The {@code k} nearest elements (cosine) of each of {@code symbols}: one row per element and rank. */
    public static Table nearest(AtomEmbeddings t, int k, String... symbols) {
        StringColumn el = StringColumn.create("element");
        StringColumn rank = StringColumn.create("nearest");
        DoubleColumn cos = DoubleColumn.create("cosine");
        for (String s : symbols) {
            int r = 1;
            for (TableGeometry.Neighbour n : TableGeometry.nearest(t, s, k)) {
                el.append(s);
                rank.append(r++ + ". " + n.element().symbol());
                cos.append(Math.round(n.cosine() * 1e4) / 1e4);
            }
        }
        return Table.create("nearest elements by cosine, " + t.name(), el, rank, cos);
    }

    /** One row per element of {@code symbols}: its k nearest elements as "X 0.91, Y 0.88, ...". */
    public static Table nearestInline(AtomEmbeddings t, int k, String... symbols) {
        StringColumn el = StringColumn.create("element");
        StringColumn near = StringColumn.create("nearest (cosine)");
        for (String s : symbols) {
            StringBuilder b = new StringBuilder();
            for (TableGeometry.Neighbour n : TableGeometry.nearest(t, s, k)) {
                b.append(b.length() == 0 ? "" : ", ").append(n.element().symbol())
                        .append(String.format(Locale.ROOT, " %.2f", n.cosine()));
            }
            el.append(s);
            near.append(b.toString());
        }
        return Table.create("nearest elements, " + t.name(), el, near);
    }

    /**
     * The per-term training losses and the validation loss of a pretraining history, per epoch.
     *
     * @throws IllegalArgumentException if the history has no loss terms (not a pretraining run)
     */
    public static XYChart lossCurves(String title, TrainingHistory h) {
        if (h.epochs().isEmpty() || h.epochs().get(0).terms().isEmpty()) {
            throw new IllegalArgumentException("not a pretraining history (no loss terms)");
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        int n = h.epochs().size();
        for (String term : h.epochs().get(0).terms().keySet()) {
            double[] y = new double[n];
            for (int e = 0; e < n; e++) {
                y[e] = h.epochs().get(e).terms().get(term);
            }
            series.put(term + " (train)", y);
        }
        series.put("total (train)", h.epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray());
        if (!Double.isNaN(h.epochs().get(0).valMae())) {
            series.put("total (held out)", h.epochs().stream().mapToDouble(EpochRecord::valMae).toArray());
        }
        return Charts.curves(title, "epoch", "loss", series);
    }
}
