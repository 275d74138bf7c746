package org.unate.kernel;

import java.util.List;

/**
 * A cell that did not run to completion. The kernel reports it as a Jupyter error (so {@code nbconvert --execute}
 * fails): {@code ename} is the subclass's simple name, {@code evalue} the message, the traceback {@link #traceback()}.
 */
public abstract class CellException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> traceback;

    protected CellException(String message, List<String> traceback) {
        super(message);
        this.traceback = List.copyOf(traceback);
    }

    /** Lines shown under the error in the notebook. */
    public List<String> traceback() {
        return traceback;
    }

    /** The cell (or a snippet of it) does not compile; the message names line, column and the compiler's message. */
    public static final class CompilationException extends CellException {
        private static final long serialVersionUID = 1L;

        CompilationException(String message, List<String> traceback) {
            super(message, traceback);
        }
    }

    /** The cell ends inside an unfinished statement (for example an unclosed brace). */
    public static final class IncompleteSourceException extends CellException {
        private static final long serialVersionUID = 1L;

        IncompleteSourceException(String message, List<String> traceback) {
            super(message, traceback);
        }
    }

    /**
     * User code threw. The message is {@code ExceptionClass: message}; the traceback holds the exception's frames in
     * user code (cell and line where known) and its causes.
     */
    public static final class EvaluationException extends CellException {
        private static final long serialVersionUID = 1L;
        private final String exceptionClassName;

        EvaluationException(String exceptionClassName, String message, List<String> traceback) {
            super(message, traceback);
            this.exceptionClassName = exceptionClassName;
        }

        /** Fully qualified class name of the exception thrown by user code. */
        public String exceptionClassName() {
            return exceptionClassName;
        }
    }

    /** The cell was interrupted (Jupyter interrupt request or SIGINT). */
    public static final class CellInterruptedException extends CellException {
        private static final long serialVersionUID = 1L;

        CellInterruptedException(String message) {
            super(message, List.of(message));
        }
    }

    /** A line magic failed or is unknown. */
    public static final class MagicException extends CellException {
        private static final long serialVersionUID = 1L;

        MagicException(String message) {
            super(message, List.of(message));
        }

        MagicException(String message, List<String> traceback) {
            super(message, traceback);
        }
    }
}
