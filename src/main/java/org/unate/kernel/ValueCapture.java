package org.unate.kernel;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Hand-over slot for the value of a cell's last expression. The evaluator runs the snippet
 * {@code org.unate.kernel.ValueCapture.hold($n);} after an expression snippet, then {@link #take()}s the object, so the
 * live object (not JShell's string form) reaches the renderers. Public only because snippets must call it.
 */
public final class ValueCapture {

    private static final Object EMPTY = new Object();
    private static final AtomicReference<Object> SLOT = new AtomicReference<>(EMPTY);

    private ValueCapture() {
    }

    /** Stores {@code value} for the evaluator. */
    public static void hold(Object value) {
        SLOT.set(value);
    }

    /** Whether a value is held. */
    static boolean holding() {
        return SLOT.get() != EMPTY;
    }

    /** Removes and returns the held value ({@code null} is a valid value; check {@link #holding()} first). */
    static Object take() {
        Object v = SLOT.getAndSet(EMPTY);
        return v == EMPTY ? null : v;
    }
}
