package org.unate.crystal.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.unate.crystal.io.CrystalParseException.Reason;

/** File access for the readers: every I/O failure becomes a {@link CrystalParseException} with reason IO. */
final class Io {
    private Io() {
    }

    /** Whole file as UTF-8 text (malformed bytes become U+FFFD), gunzipped when the name ends in .gz. */
    static String readText(Path file) {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw io(file, e);
        }
    }

    /** A buffered stream of the file, gunzipped when the name ends in .gz. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".gz")) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }

    static CrystalParseException io(Path file, IOException e) {
        String what = e instanceof NoSuchFileException ? "no such file" : e.toString();
        return new CrystalParseException(Reason.IO, file.toString(), 0, null, 0, "cannot read: " + what, e);
    }
}
