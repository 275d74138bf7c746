package org.unate.kernel;

/**
 * Where a running cell's output goes: the Jupyter iopub channel in the kernel, a recorder in tests.
 *
 * <p>Called from the thread running the cell and from the stream flusher thread; implementations must be
 * thread-safe.
 */
public interface OutputSink {

    /** Text written to {@code System.out} (already decoded, possibly a partial line). */
    void stdout(String text);

    /** Text written to {@code System.err}. */
    void stderr(String text);

    /** A new display output ({@code display_data}) tagged with {@code displayId}. */
    void display(MimeBundle bundle, String displayId);

    /** Replaces the display output tagged {@code displayId} ({@code update_display_data}). */
    void updateDisplay(MimeBundle bundle, String displayId);

    /** A sink that discards everything. */
    static OutputSink discard() {
        return new OutputSink() {
            @Override
            public void stdout(String text) {
            }

            @Override
            public void stderr(String text) {
            }

            @Override
            public void display(MimeBundle bundle, String displayId) {
            }

            @Override
            public void updateDisplay(MimeBundle bundle, String displayId) {
            }
        };
    }
}
