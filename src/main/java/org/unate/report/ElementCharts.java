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
