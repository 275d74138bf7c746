package org.unate.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one typeface of every chart: DejaVu Sans (regular and bold), bundled in the jar beside this class
 * ({@code DejaVuSans.ttf}, {@code DejaVuSans-Bold.ttf}, licence in {@code DejaVu-LICENSE.txt}), so that a figure has
 * the same glyphs, and the same bytes, on every machine whatever fonts it has installed. Java's logical fonts
 * ({@code Font.SANS_SERIF}) map to whatever the system offers and are never used for figures.
 */
public final class ReportFonts {
    /** The resource of the regular face, beside this class. */
    public static final String REGULAR_RESOURCE = "DejaVuSans.ttf";
    /** The resource of the bold face, beside this class. */
    public static final String BOLD_RESOURCE = "DejaVuSans-Bold.ttf";

    private ReportFonts() {
    }

    /** Loaded once, on first use. */
    private static final class Faces {
        static final Font REGULAR = load(REGULAR_RESOURCE);
        static final Font BOLD = load(BOLD_RESOURCE);
    }

    /**
     * The regular face.
     *
     * @param size point size (1 pt = 1 px in a chart)
     */
    public static Font regular(float size) {
        return Faces.REGULAR.deriveFont(Font.PLAIN, size);
    }

    /**
     * The bold face.
     *
     * @param size point size (1 pt = 1 px in a chart)
     */
    public static Font bold(float size) {
        return Faces.BOLD.deriveFont(Font.PLAIN, size);
    }

    private static Font load(String resource) {
        try (InputStream in = ReportFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font resource org/unate/report/" + resource + " is missing from the"
                        + " class path (it is bundled in src/main/resources/org/unate/report/)");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font resource org/unate/report/" + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font resource org/unate/report/" + resource + " is not a TrueType font: "
                    + e.getMessage(), e);
        }
    }
}
