package org.unate.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Jupyter side of the kernel: maps jupyter-jvm-basekernel's requests onto a {@link KernelSession}.
 *
 * <ul>
 *   <li>execute: {@link KernelSession#execute}; the last expression's value becomes {@code execute_result}; a
 *       {@link CellException} becomes an error reply and an {@code error} output ({@code ename} = its simple class
 *       name, {@code evalue} = message, traceback = {@link CellException#traceback()}).</li>
 *   <li>stdout/stderr: {@code stream} messages while the cell runs; {@code display}/{@code updateDisplay}:
 *       {@code display_data}/{@code update_display_data} with a {@code display_id}.</li>
 *   <li>complete / is_complete: JShell's source analysis. interrupt (control channel, or SIGINT via
 *       {@link KernelMain}): {@link KernelSession#interrupt()}.</li>
 * </ul>
 * The session (JShell start, ~1 s) is created on a background thread while the connection comes up; requests wait for
 * it.
 */
public final class JavaKernel extends BaseKernel {

    private final CompletableFuture<KernelSession> session;
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build();

    /** A kernel whose magics resolve relative paths against {@code workingDirectory}. */
    public JavaKernel(Path workingDirectory) {
        setShouldReplaceStdStreams(false);
        OutputSink sink = new IoSink();
        session = CompletableFuture.supplyAsync(() -> {
            KernelSession s = KernelSession.start(workingDirectory, sink);
            s.warmUp();
            return s;
        });
    }

    private KernelSession session() throws Exception {
        try {
            return session.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (UNATE kernel, JShell local execution)";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        int executionNumber = executionCount.get() - 1;
        return session().execute(code, executionNumber).map(b -> toDisplayData(b, null)).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) throws Exception {
        JShellEvaluator.Completion c = session().complete(code, at);
        return c.matches().isEmpty() ? null : new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        try {
            return switch (session().isComplete(code)) {
                case COMPLETE -> IS_COMPLETE_YES;
                case INVALID -> IS_COMPLETE_BAD;
                case INCOMPLETE -> "";
            };
        } catch (Exception e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void interrupt() {
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().interrupt();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().close();
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException ce) {
            List<String> lines = new ArrayList<>(ce.traceback());
            if (!lines.isEmpty()) {
                lines.set(0, errorStyler.primary(lines.get(0)));
            }
            return lines;
        }
        return super.formatError(e);
    }

    static DisplayData toDisplayData(MimeBundle bundle, String displayId) {
        DisplayData d = new DisplayData();
        for (Map.Entry<String, Object> e : bundle.data().entrySet()) {
            d.putData(e.getKey(), e.getValue());
        }
        if (displayId != null) {
            d.setDisplayId(displayId);
        }
        return d;
    }

    /** Sends cell output over the connection of the request being executed. */
    private final class IoSink implements OutputSink {
        @Override
        public void stdout(String text) {
            synchronized (getIO().out) {
                getIO().out.print(text);
                getIO().out.flush();
            }
        }

        @Override
        public void stderr(String text) {
            synchronized (getIO().err) {
                getIO().err.print(text);
                getIO().err.flush();
            }
        }

        @Override
        public void display(MimeBundle bundle, String displayId) {
            if (getIO().display.isAttached()) {
                getIO().display.display(toDisplayData(bundle, displayId));
            }
        }

        @Override
        public void updateDisplay(MimeBundle bundle, String displayId) {
            if (getIO().display.isAttached()) {
                getIO().display.updateDisplay(displayId, toDisplayData(bundle, null));
            }
        }
    }
}
