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

    /**
     * The lines of a UTF-8 stream, like {@link java.io.BufferedReader#readLine()} ({@code \n}, {@code \r\n} or
     * {@code \r} end a line), except at a failure of the stream (a gzip file cut short): every complete line before
     * it is returned first, and the failure is thrown in place of the incomplete line that it cut off, so that no
     * half record is ever handed out.
     */
    static final class LineReader implements java.io.Closeable {
        private final java.io.Reader reader;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;
        private IOException failure;
        private boolean skipLf;

        LineReader(InputStream in) {
            this.reader = new java.io.InputStreamReader(new FilterInputStreamGuard(in), StandardCharsets.UTF_8);
        }

        /** The next line without its terminator, or null at the end. @throws IOException where the stream broke */
        String readLine() throws IOException {
            StringBuilder line = null;
            while (true) {
                if (pos >= len) {
                    len = reader.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (failure != null) {
                            throw failure;
                        }
                        return line == null ? null : line.toString();
                    }
                }
                if (skipLf) {
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                if (line == null) {
                    line = new StringBuilder(pos - start + 16);
                }
                line.append(buf, start, pos - start);
                if (pos < len) {
                    skipLf = buf[pos] == '\r';
                    pos++;
                    return line.toString();
                }
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }

        /** Turns a failure of the underlying stream into its end, keeping the failure for {@link #readLine()}. */
        private final class FilterInputStreamGuard extends java.io.FilterInputStream {
            FilterInputStreamGuard(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                if (failure != null) {
                    return -1;
                }
                try {
                    return super.read();
                } catch (IOException e) {
                    failure = e;
                    return -1;
                }
            }

            @Override
            public int read(byte[] b, int off, int n) throws IOException {
                if (failure != null) {
                    return -1;
                }
                try {
                    return super.read(b, off, n);
                } catch (IOException e) {
                    failure = e;
                    return -1;
                }
            }
        }
    }

    static CrystalParseException io(Path file, IOException e) {
        String what = e instanceof NoSuchFileException ? "no such file" : e.toString();
        return new CrystalParseException(Reason.IO, file.toString(), 0, null, 0, "cannot read: " + what, e);
    }
}
