package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rich display: renderers for images, tables and charts; display() and updateDisplay() from cells. */
class DisplayTest {

    @TempDir
    static Path dir;
    static RecordingSink sink = new RecordingSink();
    static KernelSession session;
    static int count;

    @BeforeAll
    static void start() {
        session = KernelSession.start(dir, sink);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @BeforeEach
    void clear() {
        sink.clear();
    }

    static MimeBundle value(String cell) throws CellException {
        return session.execute(cell, ++count).orElseThrow(() -> new AssertionError("no value for " + cell));
    }

    static BufferedImage decodePng(MimeBundle b) throws IOException {
        Object png = b.get(MimeBundle.IMAGE_PNG);
        assertNotNull(png, "no image/png in " + b.data().keySet());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png)));
        assertNotNull(img, "image/png payload does not decode");
        return img;
    }

    @Test
    void bufferedImageBecomesDecodablePng() throws Exception {
        MimeBundle b = value("""
                import java.awt.image.BufferedImage;
                var img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
                img.setRGB(3, 2, 0xFF0000);
                img
                """);
        BufferedImage img = decodePng(b);
        assertEquals(7, img.getWidth());
        assertEquals(5, img.getHeight());
        assertEquals(0xFF0000, img.getRGB(3, 2) & 0xFFFFFF);
        assertEquals(0, img.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void tablesawTableBecomesHtmlWithColumnNames() throws CellException {
        MimeBundle b = value("""
                tech.tablesaw.api.Table.create("energies",
                    tech.tablesaw.api.StringColumn.create("formula", "NaCl", "Fe<3>"),
                    tech.tablesaw.api.DoubleColumn.create("e_form_eV_per_atom", -2.1, 0.0))
                """);
        String html = (String) b.get(MimeBundle.TEXT_HTML);
        assertTrue(html.contains("<th>formula</th>") && html.contains("<th>e_form_eV_per_atom</th>"), html);
        assertTrue(html.contains("<td>NaCl</td>"), html);
        assertTrue(html.contains("Fe&lt;3&gt;"), "cells are escaped: " + html);
        assertTrue(b.text().contains("NaCl"), b.text());
    }

    @Test
    void tableHtmlIsCappedAtMaxRows() {
        var col = tech.tablesaw.api.IntColumn.create("i", new int[Renderers.HTML_MAX_ROWS + 5]);
        String html = (String) Renderers.standard().render(tech.tablesaw.api.Table.create("t", col))
                .get(MimeBundle.TEXT_HTML);
        assertEquals(Renderers.HTML_MAX_ROWS, html.split("<tr>", -1).length - 2);
        assertTrue(html.contains(Renderers.HTML_MAX_ROWS + " of " + (Renderers.HTML_MAX_ROWS + 5) + " rows"));
    }

    @Test
    void xchartBecomesPng() throws Exception {
        MimeBundle b = value("""
                var chart = new org.knowm.xchart.XYChartBuilder().width(240).height(160).title("loss").build();
                chart.addSeries("train", new double[] {1, 2, 3}, new double[] {3, 2, 1});
                chart
                """);
        BufferedImage img = decodePng(b);
        assertEquals(240, img.getWidth());
        assertEquals(160, img.getHeight());
        assertTrue(b.text().contains("loss"), b.text());
    }

    @Test
    void otherObjectsAreText() throws CellException {
        assertEquals(java.util.Set.of(MimeBundle.TEXT_PLAIN), value("new StringBuilder(\"sb\")").data().keySet());
        assertEquals("sb", value("new StringBuilder(\"sb\")").text());
    }

    @Test
    void displayReturnsIdAndUpdateDisplayReplaces() throws CellException {
        MimeBundle idValue = value("""
                System.out.print("before ");
                String id = display("step 0");
                System.out.print("after");
                id
                """);
        assertEquals(1, sink.displays.size());
        RecordingSink.Shown shown = sink.displays.get(0);
        assertEquals(idValue.text(), shown.id(), "display() returns the display id it used");
        assertEquals("step 0", shown.bundle().text());
        assertEquals("before after", sink.out.toString());

        session.execute("for (int i = 1; i <= 3; i++) updateDisplay(id, \"step \" + i);", ++count);
        assertEquals(3, sink.updates.size());
        assertTrue(sink.updates.stream().allMatch(u -> u.id().equals(shown.id())));
        assertEquals("step 3", sink.updates.get(2).bundle().text());
    }

    @Test
    void aBareDisplayCallEndingACellShowsNoIdAsResult() throws CellException {
        assertTrue(session.execute("display(\"shown\");", ++count).isEmpty(), "display(...); as last statement");
        assertTrue(session.execute("String id = display(\"again\"); id", ++count).isPresent(),
                "an id asked for explicitly is still the cell's value");
        assertEquals(2, sink.displays.size());
    }

    @Test
    void displayWithMimeTypesFilters() throws CellException {
        session.execute("display(tech.tablesaw.api.Table.create(\"t\"), \"text/plain\");", ++count);
        assertEquals(java.util.Set.of(MimeBundle.TEXT_PLAIN), sink.displays.get(0).bundle().data().keySet());
    }

    @Test
    void libraryCanRegisterRenderers() throws CellException {
        session.execute("""
                record Bold(String s) {}
                org.unate.kernel.Display.renderers().register(Bold.class,
                    b -> new org.unate.kernel.MimeBundle(Map.of("text/html", "<b>" + b.s() + "</b>")));
                """, ++count);
        assertEquals("<b>x</b>", value("new Bold(\"x\")").get(MimeBundle.TEXT_HTML));
    }

    @Test
    void laterRegistrationWinsAndSubtypesMatch() {
        Renderers r = Renderers.empty()
                .register(Number.class, n -> MimeBundle.ofText("number"))
                .register(Integer.class, n -> MimeBundle.ofText("int " + n));
        assertEquals("int 3", r.render(3).text());
        assertEquals("number", r.render(2.5).text());
        assertEquals("abc", r.render("abc").text());
        assertEquals("null", r.render(null).text());
    }
}
