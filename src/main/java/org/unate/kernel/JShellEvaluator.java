package org.unate.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.unate.kernel.CellException.CompilationException;
import org.unate.kernel.CellException.EvaluationException;
import org.unate.kernel.CellException.IncompleteSourceException;

/**
 * Java source evaluation with JShell in this JVM ("local" execution engine).
 *
 * <p>Snippets are compiled by JShell and run by {@code jdk.jshell.execution.LocalExecutionControl} on a thread of this
 * process, so they share classes, native libraries and static state with the kernel. A chunk of source is split into
 * snippets with {@link SourceCodeAnalysis#analyzeCompletion(String)} and evaluated one by one; the first compile error,
 * exception or interrupt stops the chunk.
 *
 * <p>Interrupt ({@link #stop()}) calls {@link JShell#stop()}. On JDK 17 LocalExecutionControl stops the snippet thread
 * with {@code Thread.stop}; on newer JDKs (checked on JDK 25, where {@code Thread.stop} throws) it instruments every
 * loaded snippet class with stop checks at method entries and backward branches and interrupts the thread, so loops in
 * cell code stop on both; code inside library classes stops there only where it waits interruptibly or checks
 * {@link Thread#isInterrupted()}. JShell
 * reports a stopped snippet as an ordinary completion, so this class remembers the request and raises
 * {@link CellException.CellInterruptedException} itself.
 *
 * <p>Not thread-safe except {@link #stop()}, which any thread may call.
 */
public final class JShellEvaluator implements AutoCloseable {

    /** Imports run at start: JShell's default startup imports (IJava makes the same ones available). */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*");

    /** Where a snippet came from, to name cells and lines in stack traces. */
    private record Origin(int cell, int line) {
    }

    /** The value of a cell's last expression ({@code object} may be null). */
    public record Value(Object object) {
    }

    /** Completion candidates replacing {@code [start, end)} of the cell source. */
    public record Completion(List<String> matches, int start, int end) {
    }

    /** Result of {@link #isComplete(String)}. */
    public enum Status { COMPLETE, INCOMPLETE, INVALID }

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final LinkedHashSet<String> classpath = new LinkedHashSet<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Map<String, Origin> origins = new HashMap<>();
    private final AtomicBoolean stopRepeater = new AtomicBoolean();
    private volatile boolean evaluating;

    /** Period of repeated stop requests while an interrupted evaluation has not returned, milliseconds. */
    static final long STOP_REPEAT_MS = 100;

    private JShellEvaluator(JShell shell) {
        this.shell = shell;
        this.analysis = shell.sourceCodeAnalysis();
    }

    /**
     * Starts JShell with local execution, puts {@code classpathEntries} on its compile and run class path and runs
     * {@link #DEFAULT_IMPORTS} plus {@code extraStartup} snippets.
     *
     * @throws IllegalStateException if a start-up snippet fails
     */
    public static JShellEvaluator start(List<String> classpathEntries, List<String> extraStartup) {
        JShell shell = JShell.builder().executionEngine("local").build();
        JShellEvaluator ev = new JShellEvaluator(shell);
        for (String entry : classpathEntries) {
            ev.addToClasspath(entry);
        }
        List<String> startup = new ArrayList<>();
        DEFAULT_IMPORTS.forEach(i -> startup.add("import " + i + ";"));
        startup.addAll(extraStartup);
        for (String s : startup) {
            for (SnippetEvent e : shell.eval(s)) {
                if (e.causeSnippet() == null && (!e.status().isDefined() || e.exception() != null)) {
                    String diags = shell.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining("; "));
                    shell.close();
                    throw new IllegalStateException("start-up snippet failed: " + s + " (" + e.status() + ") " + diags);
                }
            }
        }
        return ev;
    }

    /**
     * Adds a jar or class folder to the compile and run class path. Returns false (and does nothing) if the
     * normalised absolute path is already there.
     */
    public boolean addToClasspath(String entry) {
        String abs = Path.of(entry).toAbsolutePath().normalize().toString();
        if (!classpath.add(abs)) {
            return false;
        }
        shell.addToClasspath(abs);
        return true;
    }

    /** Current class path entries, in the order added (absolute, normalised). */
    public List<String> classpath() {
        return List.copyOf(classpath);
    }

    /** Compiles and runs an empty block, so javac is loaded before the first cell (no names are defined). */
    public void warmUp() {
        shell.eval("{ }");
    }

    /** Clears a pending stop request; call before each cell. */
    public void beginCell() {
        stopRequested.set(false);
    }

    /**
     * Requests a stop of the running snippet (any thread). A request that arrives while JShell is still compiling a
     * snippet would be lost (JShell only stops code that runs), so while an evaluation is in progress the stop is
     * repeated every {@value #STOP_REPEAT_MS} ms until the evaluation returns.
     */
    public void stop() {
        stopRequested.set(true);
        shell.stop();
        if (evaluating && stopRepeater.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    while (evaluating && stopRequested.get()) {
                        Thread.sleep(STOP_REPEAT_MS);
                        if (evaluating && stopRequested.get()) {
                            shell.stop();
                        }
                    }
                } catch (InterruptedException | IllegalStateException e) {
                    // session closed or thread interrupted: nothing left to stop
                } finally {
                    stopRepeater.set(false);
                }
            }, "unate-kernel-stop");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Whether {@link #stop()} was called since {@link #beginCell()}. */
    public boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * Evaluates a chunk of Java source.
     *
     * @param code       source, one or more snippets
     * @param cell       execution number of the cell (for stack traces)
     * @param firstLine  1-based line of {@code code}'s first line within the cell
     * @return the value of the last snippet if it is an expression (a temporary {@code $n}, or a variable name)
     * @throws CellException on a compile error, incomplete source, an exception from user code, or an interrupt
     */
    public Optional<Value> evaluate(String code, int cell, int firstLine) throws CellException {
        evaluating = true;
        try {
            return evaluateChunk(code, cell, firstLine);
        } finally {
            evaluating = false;
        }
    }

    private Optional<Value> evaluateChunk(String code, int cell, int firstLine) throws CellException {
        Optional<Value> last = Optional.empty();
        String rest = code;
        int offset = 0;
        while (true) {
            checkStop();
            CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                return last;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                int start = offset + leadingWhitespace(rest);
                int[] lc = lineColumn(code, start, firstLine);
                String msg = "incomplete source at line " + lc[0] + ", column " + lc[1]
                        + ": the cell ends inside a statement or declaration (unclosed brace, parenthesis or string?)";
                throw new IncompleteSourceException(msg, List.of(msg, "    " + firstLineOf(rest.strip())));
            }
            String src = info.source() == null || info.source().isEmpty() ? rest : info.source();
            int consumed = rest.length() - info.remaining().length();
            last = evalSnippet(src, code, offset, cell, firstLine);
            offset += consumed;
            rest = info.remaining();
            if (consumed == 0) {
                return last; // defensive: analysis made no progress
            }
        }
    }

    private Optional<Value> evalSnippet(String src, String code, int offset, int cell, int firstLine)
            throws CellException {
        List<SnippetEvent> events = shell.eval(src);
        checkStop();
        int startLine = lineColumn(code, offset + leadingWhitespace(src), firstLine)[0];
        SnippetEvent main = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null) {
                main = e;
                origins.put(e.snippet().id(), new Origin(cell, startLine));
            }
        }
        if (main == null) {
            return Optional.empty();
        }
        if (main.exception() != null) {
            throw evaluationError(main.exception());
        }
        Snippet snippet = main.snippet();
        if (!main.status().isDefined()) {
            throw compilationError(snippet, src, code, offset, firstLine, main.status());
        }
        if (main.status() == Snippet.Status.RECOVERABLE_DEFINED && snippet instanceof DeclarationSnippet d) {
            System.err.println("note: " + d.name() + " is defined but cannot be used until "
                    + shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) + " is defined");
        }
        if (isDisplayCall(snippet.source())) {
            // display(x) as a cell's last statement has shown x already; its returned id is not worth showing too
            return Optional.empty();
        }
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND -> Optional.of(capture(((VarSnippet) snippet).name(), main.value()));
            case VAR_VALUE_SUBKIND -> Optional.of(capture(((ExpressionSnippet) snippet).name(), main.value()));
            case OTHER_EXPRESSION_SUBKIND -> Optional.ofNullable(main.value()).map(Value::new);
            default -> Optional.empty();
        };
    }

    /** True for a bare top-level {@code display(...)} or {@code updateDisplay(...)} call statement. */
    static boolean isDisplayCall(String source) {
        String t = source.strip();
        if (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).stripTrailing();
        }
        return (t.startsWith("display(") || t.startsWith("updateDisplay(")) && t.endsWith(")");
    }

    /** Fetches the live object of variable {@code name}; falls back to JShell's string form. */
    private Value capture(String name, String valueString) throws CellException {
        ValueCapture.take();
        for (SnippetEvent e : shell.eval("org.unate.kernel.ValueCapture.hold(" + name + ");")) {
            if (e.causeSnippet() == null && (e.exception() != null || !e.status().isDefined())) {
                return new Value(valueString);
            }
        }
        checkStop();
        return ValueCapture.holding() ? new Value(ValueCapture.take()) : new Value(valueString);
    }

    private void checkStop() throws CellException {
        if (stopRequested.get()) {
            throw new CellException.CellInterruptedException("Interrupted: the cell was stopped by an interrupt request");
        }
    }

    private CompilationException compilationError(Snippet snippet, String src, String code, int offset,
                                                  int firstLine, Snippet.Status status) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
        List<String> lines = new ArrayList<>();
        String message = null;
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : Math.max(0, d.getPosition());
            int abs = (int) Math.min(offset + pos, code.length());
            int[] lc = lineColumn(code, abs, firstLine);
            String text = d.getMessage(Locale.ROOT);
            String head = "line " + lc[0] + ", column " + lc[1] + ": " + firstLineOf(text);
            if (message == null) {
                message = head;
            }
            lines.add(head);
            text.lines().skip(1).forEach(l -> lines.add("    " + l.strip()));
            String srcLine = lineAt(code, abs);
            lines.add("    " + srcLine);
            long width = Math.max(1, Math.min(d.getEndPosition() - pos, srcLine.length() - (lc[1] - 1)));
            lines.add("    " + " ".repeat(lc[1] - 1) + "^".repeat((int) width));
        }
        if (message == null) {
            int[] lc = lineColumn(code, offset + leadingWhitespace(src), firstLine);
            String why = snippet instanceof DeclarationSnippet d && status == Snippet.Status.RECOVERABLE_NOT_DEFINED
                    ? "unresolved " + shell.unresolvedDependencies(d).collect(Collectors.joining(", "))
                    : "snippet rejected (" + status + ")";
            message = "line " + lc[0] + ", column " + lc[1] + ": " + why;
            lines.add(message);
            lines.add("    " + firstLineOf(src.strip()));
        }
        if (diags.size() > 1) {
            message += " (and " + (diags.size() - 1) + " more error" + (diags.size() > 2 ? "s" : "") + ")";
        }
        return new CompilationException(message, lines);
    }

    private EvaluationException evaluationError(JShellException ex) {
        String className;
        String message;
        if (ex instanceof EvalException ee) {
            className = ee.getExceptionClassName();
            message = ee.getMessage();
        } else if (ex instanceof UnresolvedReferenceException ure) {
            className = UnresolvedReferenceException.class.getName();
            message = ure.getSnippet().name() + " cannot run until "
                    + shell.unresolvedDependencies(ure.getSnippet()).collect(Collectors.joining(", "))
                    + " is defined";
        } else {
            className = ex.getClass().getName();
            message = ex.getMessage();
        }
        String head = message == null ? className : className + ": " + message;
        List<String> lines = new ArrayList<>();
        lines.add(head);
        appendFrames(ex, lines);
        Throwable cause = ex.getCause();
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            String cn = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            lines.add("Caused by: " + (cause.getMessage() == null ? cn : cn + ": " + cause.getMessage()));
            appendFrames(cause, lines);
        }
        return new EvaluationException(className, head, lines);
    }

    private void appendFrames(Throwable t, List<String> lines) {
        for (StackTraceElement st : t.getStackTrace()) {
            String file = st.getFileName();
            if (file != null && file.startsWith("#")) {
                String id = file.substring(1);
                Origin o = origins.get(id);
                String method = st.getMethodName().isEmpty() ? "<cell>" : st.getMethodName();
                String where = o == null ? "snippet " + id
                        : "In[" + o.cell() + "], line " + (o.line() + Math.max(0, st.getLineNumber() - 1));
                lines.add("    at " + method + " (" + where + ")");
            } else {
                lines.add("    at " + st);
            }
        }
    }

    /** Completion candidates at {@code cursor} (a UTF-16 offset into the cell source). */
    public Completion complete(String code, int cursor) {
        int cur = Math.max(0, Math.min(cursor, code.length()));
        String prefix = code.substring(0, cur);
        int start = snippetStart(prefix);
        String snippet = prefix.substring(start);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(snippet, snippet.length(), anchor);
        LinkedHashSet<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(List.copyOf(matches), start + anchor[0], cur);
    }

    /** Offset in {@code prefix} where the snippet that contains its end begins. */
    private int snippetStart(String prefix) {
        int offset = 0;
        String rest = prefix;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return offset;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                return offset;
            }
            offset += consumed;
            rest = info.remaining();
        }
    }

    /** Whether {@code code} is complete Java source (Jupyter {@code is_complete_request}). */
    public Status isComplete(String code) {
        String rest = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return Status.COMPLETE;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Status.INCOMPLETE;
                case UNKNOWN:
                    return Status.INVALID;
                default:
                    if (info.remaining().isBlank()) {
                        return Status.COMPLETE;
                    }
                    if (info.remaining().length() >= rest.length()) {
                        return Status.INVALID;
                    }
                    rest = info.remaining();
            }
        }
    }

    @Override
    public void close() {
        shell.close();
    }

    static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** 1-based {line, column} of {@code index} in {@code code}, with {@code code} starting at {@code firstLine}. */
    static int[] lineColumn(String code, int index, int firstLine) {
        int line = firstLine;
        int lineStart = 0;
        for (int i = 0; i < index && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }

    private static String lineAt(String code, int index) {
        int s = code.lastIndexOf('\n', Math.max(0, index - 1));
        s = index == 0 ? 0 : s + 1;
        int e = code.indexOf('\n', index);
        return code.substring(s, e < 0 ? code.length() : e);
    }

    private static String firstLineOf(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
