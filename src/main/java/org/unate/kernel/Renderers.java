package org.unate.kernel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * A registry of display renderers: Java object to {@link MimeBundle}.
 *
 * <p>Lookup takes the most recently registered renderer whose type is assignable from the object's class, so a library
 * can override a standard renderer by registering its own for the same or a narrower type. Objects no renderer accepts
 * become {@code text/plain} via {@link String#valueOf(Object)}. Thread-safe.
 *
 * <p>{@link #standard()} registers:
 * <ul>
 *   <li>{@link MimeBundle}: itself;</li>
 *   <li>{@link BufferedImage}: {@code image/png} (base64) plus a {@code text/plain} summary;</li>
 *   <li>Tablesaw {@link Table}: {@code text/html} (first {@value #HTML_MAX_ROWS} rows, escaped) plus Tablesaw's own
 *       {@code text/plain} printout;</li>
 *   <li>XChart charts ({@link Chart}): drawn with {@link BitmapEncoder#getBufferedImage(Chart)} (headless, no Swing) to
 *       {@code image/png}.</li>
 * </ul>
 */
public final class Renderers {

    /** Rows shown in a table's HTML rendering; the rest are summarised in a caption. */
    public static final int HTML_MAX_ROWS = 50;

    /** Renders one kind of object. */
    @FunctionalInterface
    public interface Renderer<T> {
        /** The bundle for {@code value} (never null). */
        MimeBundle render(T value);
    }

    private record Entry<T>(Class<T> type, Renderer<? super T> renderer) {
        MimeBundle apply(Object o) {
            return renderer.render(type.cast(o));
        }
    }

    private final List<Entry<?>> entries = new ArrayList<>();

    private Renderers() {
    }

    /** An empty registry (everything renders as {@code text/plain}). */
    public static Renderers empty() {
        return new Renderers();
    }

    /** A registry with the standard renderers listed in the class comment. */
    public static Renderers standard() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Renderers r = new Renderers();
        r.register(BufferedImage.class, Renderers::renderImage);
        r.register(Table.class, Renderers::renderTable);
        r.register(Chart.class, chart -> {
            MimeBundle png = renderImage(BitmapEncoder.getBufferedImage(chart));
            Map<String, Object> data = new LinkedHashMap<>(png.data());
            data.put(MimeBundle.TEXT_PLAIN, chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\"");
            return new MimeBundle(data);
        });
        r.register(MimeBundle.class, b -> b);
        return r;
    }

    /** Registers {@code renderer} for {@code type} and its subtypes; later registrations win. */
    public synchronized <T> Renderers register(Class<T> type, Renderer<? super T> renderer) {
        entries.add(new Entry<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(renderer, "renderer")));
        return this;
    }

    /** Convenience for lambdas returning a plain map. */
    public <T> Renderers registerMap(Class<T> type, Function<? super T, Map<String, Object>> renderer) {
        return register(type, v -> new MimeBundle(renderer.apply(v)));
    }

    /** Renders {@code value}; {@code null} becomes the text {@code "null"}. */
    public MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.ofText("null");
        }
        Entry<?> match = null;
        synchronized (this) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).type().isInstance(value)) {
                    match = entries.get(i);
                    break;
                }
            }
        }
        return match == null ? MimeBundle.ofText(String.valueOf(value)) : match.apply(value);
    }

    /** PNG bytes of {@code image}, base64-encoded, plus a text summary. */
    static MimeBundle renderImage(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image as PNG", e);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(MimeBundle.IMAGE_PNG, Base64.getEncoder().encodeToString(bytes.toByteArray()));
        data.put(MimeBundle.TEXT_PLAIN, "BufferedImage " + image.getWidth() + "x" + image.getHeight());
        return new MimeBundle(data);
    }

    static MimeBundle renderTable(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"dataframe\">");
        int shown = Math.min(table.rowCount(), HTML_MAX_ROWS);
        if (table.name() != null && !table.name().isEmpty()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                html.append("<td>").append(escape(table.column(c).getString(row))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (shown < table.rowCount()) {
            html.append("<p>").append(shown).append(" of ").append(table.rowCount()).append(" rows shown</p>");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(MimeBundle.TEXT_HTML, html.toString());
        data.put(MimeBundle.TEXT_PLAIN, table.print());
        return new MimeBundle(data);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
