package org.unate.kernel;

/**
 * Rich display for notebook cells, statically imported into every cell ({@code import static
 * org.unate.kernel.Display.*}), with IJava's names and signatures for {@code display} and {@code updateDisplay}.
 *
 * <pre>{@code
 * String id = display(progressImage);     // new output, returns its display id
 * updateDisplay(id, nextProgressImage);   // replaces that output in place (update_display_data)
 * }</pre>
 *
 * <p>Objects are rendered by the running session's {@link Renderers}; add renderers for new types with
 * {@code Display.renderers().register(MyType.class, v -> ...)}. All methods throw {@link IllegalStateException} when no
 * kernel session is running (for example in plain {@code jshell}).
 */
public final class Display {

    private static volatile KernelSession session;

    private Display() {
    }

    /** Makes {@code s} the target of the static methods (the kernel does this for every cell). */
    static void bind(KernelSession s) {
        session = s;
    }

    /** Clears the binding if it is {@code s}. */
    static void unbind(KernelSession s) {
        if (session == s) {
            session = null;
        }
    }

    private static KernelSession session() {
        KernelSession s = session;
        if (s == null) {
            throw new IllegalStateException("no kernel session is running: display functions work inside the Java "
                    + "kernel (org.unate.kernel.KernelMain)");
        }
        return s;
    }

    /** Shows {@code value} as a new output of the running cell and returns its display id. */
    public static String display(Object value) {
        return session().display(value);
    }

    /** Like {@link #display(Object)}, keeping only the given MIME types (for example {@code "text/plain"}). */
    public static String display(Object value, String... mimeTypes) {
        return session().display(value, mimeTypes);
    }

    /** Replaces the output shown by {@code display} under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        session().updateDisplay(displayId, value);
    }

    /** Like {@link #updateDisplay(String, Object)}, keeping only the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        session().updateDisplay(displayId, value, mimeTypes);
    }

    /** The MIME bundle {@code value} would be displayed as. */
    public static MimeBundle render(Object value) {
        return session().renderers().render(value);
    }

    /** The running session's renderer registry (to register renderers for more types). */
    public static Renderers renderers() {
        return session().renderers();
    }
}
