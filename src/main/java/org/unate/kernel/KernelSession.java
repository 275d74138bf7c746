package org.unate.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.unate.kernel.CellException.MagicException;
import org.unate.kernel.JShellEvaluator.Completion;
import org.unate.kernel.JShellEvaluator.Status;

/**
 * Runs notebook cells: line magics, Java snippets (via {@link JShellEvaluator}), output routing and display. The
 * Jupyter protocol lives in {@link JavaKernel}; this class is usable (and tested) without it.
 *
 * <p>The kernel's own class path ({@code java.class.path}) is on the snippets' compile and run class path from the
 * start, so cells can use {@code org.unate.*} without {@code %jars}. While a cell runs, {@code System.out} and
 * {@code System.err} go to the {@link OutputSink} (flushed at least every {@value StdStreams#FLUSH_INTERVAL_MS} ms) and
 * {@link Display}'s static methods target this session.
 *
 * <p>One cell at a time; {@link #interrupt()} may be called from any thread.
 */
public final class KernelSession implements AutoCloseable {

    private final JShellEvaluator evaluator;
    private final Renderers renderers;
    private final Magics magics = Magics.standard();
    private final MavenResolver maven = new MavenResolver();
    private final Path workingDirectory;
    private final OutputSink sink;
    private final ClassShadows shadows;

    private KernelSession(JShellEvaluator evaluator, Renderers renderers, Path workingDirectory, OutputSink sink) {
        this.evaluator = evaluator;
        this.renderers = renderers;
        this.workingDirectory = workingDirectory;
        this.sink = sink;
        this.shadows = new ClassShadows(evaluator.classpath());
    }

    /**
     * Starts a session with the standard renderers.
     *
     * @param workingDirectory base of relative paths in magics (the notebook's folder in Jupyter)
     * @param sink             where cell output goes
     */
    public static KernelSession start(Path workingDirectory, OutputSink sink) {
        return start(workingDirectory, sink, Renderers.standard());
    }

    /** Starts a session with the given renderer registry. */
    public static KernelSession start(Path workingDirectory, OutputSink sink, Renderers renderers) {
        StdStreams.install();
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(e);
            }
        }
        JShellEvaluator ev = JShellEvaluator.start(cp, List.of("import static org.unate.kernel.Display.*;"));
        return new KernelSession(ev, renderers, workingDirectory.toAbsolutePath().normalize(),
                Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Runs one cell.
     *
     * @param cell            the cell source (Java snippets and line magics)
     * @param executionNumber the cell's execution count, used to name cells in stack traces
     * @return the rendered value of the cell's last expression, if the cell ends with an expression whose value is
     *         not null (IJava's behaviour)
     * @throws CellException on a compile error, an exception, an interrupt or a failed/unknown magic
     */
    public Optional<MimeBundle> execute(String cell, int executionNumber) throws CellException {
        evaluator.beginCell();
        Display.bind(this);
        StdStreams.attach(sink::stdout, sink::stderr);
        try {
            String cellMagic = CellSource.cellMagicName(cell);
            if (cellMagic != null) {
                throw new MagicException("Cell magic %%" + cellMagic + " is not supported (this kernel has line "
                        + "magics only: " + String.join(", ", magics.names().stream().map(n -> "%" + n).toList())
                        + ")");
            }
            Optional<JShellEvaluator.Value> last = Optional.empty();
            for (CellSource.Segment seg : CellSource.split(cell, this::endsInsideStatement)) {
                if (evaluator.stopRequested()) {
                    throw new CellException.CellInterruptedException(
                            "Interrupted: the cell was stopped by an interrupt request");
                }
                if (seg.kind() == CellSource.Kind.LINE_MAGIC) {
                    magics.run(this, seg.magicName(), seg.magicArgs());
                    last = Optional.empty();
                } else {
                    last = evaluator.evaluate(seg.text(), executionNumber, seg.firstLine());
                }
            }
            return last.map(JShellEvaluator.Value::object).map(renderers::render);
        } finally {
            StdStreams.detach();
        }
    }

    private boolean endsInsideStatement(String code) {
        return evaluator.isComplete(code) == Status.INCOMPLETE;
    }

    /** Loads the compiler ahead of the first cell (the kernel calls this while the client connects). */
    public void warmUp() {
        evaluator.warmUp();
    }

    /** Stops the running cell (snippet or {@code %maven}); any thread. */
    public void interrupt() {
        maven.cancel();
        evaluator.stop();
    }

    /** Completion at {@code cursor}; magic names are completed on a line starting with {@code %}. */
    public Completion complete(String code, int cursor) {
        int cur = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', cur - 1) + 1;
        String line = code.substring(lineStart, cur);
        if (line.stripLeading().startsWith("%") && !line.contains(" ")) {
            String typed = line.stripLeading().substring(1);
            List<String> names = magics.names().stream().filter(n -> n.startsWith(typed)).toList();
            return new Completion(names, cur - typed.length(), cur);
        }
        return evaluator.complete(code, cur);
    }

    /** Jupyter is_complete for a cell: magic lines are complete, Java source by JShell's analysis. */
    public Status isComplete(String code) {
        StringBuilder java = new StringBuilder();
        for (CellSource.Segment seg : CellSource.split(code, this::endsInsideStatement)) {
            if (seg.kind() == CellSource.Kind.CODE) {
                java.append(seg.text()).append('\n');
            }
        }
        return evaluator.isComplete(java.toString());
    }

    String display(Object value, String... mimeTypes) {
        StdStreams.flushAll();
        String id = UUID.randomUUID().toString();
        sink.display(renderers.render(value).only(mimeTypes), id);
        return id;
    }

    void updateDisplay(String displayId, Object value, String... mimeTypes) {
        Objects.requireNonNull(displayId, "displayId");
        StdStreams.flushAll();
        sink.updateDisplay(renderers.render(value).only(mimeTypes), displayId);
    }

    /** The renderer registry of this session. */
    public Renderers renderers() {
        return renderers;
    }

    /** Base directory of relative paths in magics. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Current class path of the snippets. */
    public List<String> classpath() {
        return evaluator.classpath();
    }

    /** Adds a jar or class folder to the snippets' class path (see {@link #addToClasspath(List)}). */
    public boolean addToClasspath(Path entry) {
        return addToClasspath(List.of(entry)) == 1;
    }

    /**
     * Adds jars or class folders to the snippets' class path, in order; an entry already there is a no-op. When
     * entries are added whose classes an earlier entry already holds (the project jar and libraries of another clone,
     * a second copy of a library), one warning on stderr says which, how many classes, which copy cells will use (the
     * kernel's own class path always wins, then the entry added first) and what to do ({@link ClassShadows}).
     *
     * @return how many entries were added
     */
    public int addToClasspath(List<Path> entries) {
        int added = 0;
        List<ClassShadows.Added> shadowed = new ArrayList<>();
        for (Path entry : entries) {
            Path abs = workingDirectory.resolve(entry).toAbsolutePath().normalize();
            List<String> before = evaluator.classpath();
            if (before.contains(abs.toString())) {
                continue;
            }
            ClassShadows.Shadowing shadowing = null;
            try {
                shadowing = shadows.shadowed(before, abs);
            } catch (java.io.UncheckedIOException e) {
                // an entry that cannot be listed: nothing to compare (loading from it will say what is wrong)
            }
            if (evaluator.addToClasspath(abs.toString())) {
                added++;
                if (shadowing != null && shadowing.any()) {
                    String rel = workingDirectory.relativize(abs).toString();
                    shadowed.add(new ClassShadows.Added(rel.isEmpty() || rel.startsWith("../../") ? abs.toString()
                            : rel, abs, shadowing));
                }
            }
        }
        String warning = shadows.warning(shadowed);
        if (warning != null) {
            System.err.println(warning);
        }
        return added;
    }

    MavenResolver maven() {
        return maven;
    }

    @Override
    public void close() {
        Display.unbind(this);
        evaluator.close();
    }
}
