package org.unate.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Process-wide routing of {@code System.out} and {@code System.err} to the cell that is running.
 *
 * <p>{@link #install()} replaces both streams once with UTF-8 print streams over a {@link Router}. While a sink is
 * attached, bytes are buffered and handed to the sink as text by a daemon thread every {@value #FLUSH_INTERVAL_MS} ms,
 * on an explicit {@code flush()}, and when the sink is detached, so output (including {@code \r} progress lines)
 * reaches the notebook while the cell runs, in batches rather than one message per byte. With no sink attached, output
 * goes to the original stream (the kernel's log). A UTF-8 sequence split across writes is held back until complete.
 */
final class StdStreams {

    /** Period of the background flush, milliseconds. */
    static final long FLUSH_INTERVAL_MS = 100;

    private static Router out;
    private static Router err;

    private StdStreams() {
    }

    /** Installs the routers (idempotent) and starts the flusher thread. */
    static synchronized void install() {
        if (out != null) {
            return;
        }
        out = new Router(System.out);
        err = new Router(System.err);
        System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, false, StandardCharsets.UTF_8));
        Thread flusher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(FLUSH_INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
                flushAll();
            }
        }, "unate-kernel-stream-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Routes both streams to the given consumers until {@link #detach()}. */
    static synchronized void attach(Consumer<String> stdout, Consumer<String> stderr) {
        install();
        out.attach(stdout);
        err.attach(stderr);
    }

    /** Flushes pending text to the current sinks and routes back to the original streams. */
    static synchronized void detach() {
        if (out == null) {
            return;
        }
        flushAll();
        out.attach(null);
        err.attach(null);
    }

    /** Hands all pending text to the sinks now (keeps ordering with display outputs). */
    static void flushAll() {
        Router o;
        Router e;
        synchronized (StdStreams.class) {
            o = out;
            e = err;
        }
        if (o == null) {
            return;
        }
        System.out.flush();
        System.err.flush();
        o.flush();
        e.flush();
    }

    /** Buffers bytes and forwards them as text to a sink, or straight to a fallback stream when none is attached. */
    static final class Router extends OutputStream {
        private final PrintStream fallback;
        private Consumer<String> sink;
        private byte[] buf = new byte[8192];
        private int len;

        Router(PrintStream fallback) {
            this.fallback = fallback;
        }

        synchronized void attach(Consumer<String> newSink) {
            flush();
            sink = newSink;
        }

        @Override
        public synchronized void write(int b) {
            if (sink == null) {
                fallback.write(b);
                return;
            }
            ensure(1);
            buf[len++] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] b, int off, int n) {
            if (sink == null) {
                fallback.write(b, off, n);
                return;
            }
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        @Override
        public synchronized void flush() {
            if (sink == null) {
                fallback.flush();
                return;
            }
            int complete = completeUtf8Prefix(buf, len);
            if (complete == 0) {
                return;
            }
            String text = new String(buf, 0, complete, StandardCharsets.UTF_8);
            System.arraycopy(buf, complete, buf, 0, len - complete);
            len -= complete;
            sink.accept(text);
        }
    }

    /** Length of the longest prefix of {@code b[0, n)} that does not end inside a UTF-8 multi-byte sequence. */
    static int completeUtf8Prefix(byte[] b, int n) {
        // Look back at most 3 bytes for the lead byte of the last sequence.
        for (int i = n - 1; i >= Math.max(0, n - 4); i--) {
            int v = b[i] & 0xFF;
            if ((v & 0xC0) == 0x80) {
                continue; // continuation byte
            }
            int need = v < 0x80 ? 1 : (v & 0xE0) == 0xC0 ? 2 : (v & 0xF0) == 0xE0 ? 3 : (v & 0xF8) == 0xF0 ? 4 : 1;
            return i + need <= n ? n : i;
        }
        return n; // only continuation bytes (malformed): pass them through
    }
}
