package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution of cells: values, output capture, multi-snippet cells, state, start and shutdown. */
class KernelSessionTest {

    @TempDir
    static Path dir;
    static RecordingSink sink = new RecordingSink();
    static KernelSession session;
    static int count;

    @BeforeAll
    static void start() {
        session = KernelSession.start(dir, sink);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @BeforeEach
    void clear() {
        sink.clear();
    }

    static Optional<MimeBundle> run(String cell) throws CellException {
        return session.execute(cell, ++count);
    }

    static String text(String cell) throws CellException {
        return run(cell).orElseThrow(() -> new AssertionError("no value for: " + cell)).text();
    }

    @Test
    void startAndShutdownOfASeparateSession() throws CellException {
        RecordingSink own = new RecordingSink();
        KernelSession s = KernelSession.start(dir, own);
        assertEquals("42", s.execute("6 * 7", 1).orElseThrow().text());
        s.close();
        assertThrows(IllegalStateException.class, () -> s.execute("1", 2));
    }

    @Test
    void lastExpressionIsTheValue() throws CellException {
        assertEquals("3", text("1 + 2"));
        assertEquals("xxx", text("\"x\".repeat(3)"));
        assertEquals("[1, 2]", text("List.of(1, 2)"));
    }

    @Test
    void declarationsAndStatementsHaveNoValue() throws CellException {
        assertTrue(run("int unused = 5;").isEmpty());
        assertTrue(run("System.out.print(\"\")").isEmpty());
        assertTrue(run("Object nothing = null; nothing").isEmpty(), "a null value is not shown (as in IJava)");
    }

    @Test
    void variableReferenceIsAValue() throws CellException {
        run("String greeting = \"hi\";");
        assertEquals("hi", text("greeting"));
    }

    @Test
    void stdoutAndStderrAreCaptured() throws CellException {
        run("System.out.println(\"hello\"); System.err.print(\"oops\"); System.out.print(\"ünï\");");
        assertEquals("hello\nünï", sink.out.toString());
        assertEquals("oops", sink.err.toString());
    }

    @Test
    void outputIsStreamedWhileTheCellRuns() throws Exception {
        // One snippet prints without newline or flush, then waits (at most 20 s) for the test to release it. The test
        // releases it only once the text has reached the sink; the same snippet records whether it was released
        // before it ended, i.e. whether its output arrived while it was still running. (Output is also flushed
        // between snippets, so the check must not be a separate snippet.)
        System.clearProperty("unate.test.release");
        Thread watcher = new Thread(() -> {
            for (int i = 0; i < 2500; i++) {
                if (sink.out.toString().contains("tick\r")) {
                    System.setProperty("unate.test.release", "yes");
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        String released = text("""
                boolean released = false;
                {
                    System.out.print("tick\\r");
                    for (int i = 0; i < 2000 && System.getProperty("unate.test.release") == null; i++) Thread.sleep(10);
                    released = System.getProperty("unate.test.release") != null;
                }
                released
                """);
        watcher.interrupt();
        assertEquals("true", released, "stdout reached the sink only after the cell ended");
    }

    @Test
    void multiSnippetCellRunsInOrderAndShowsTheLastValue() throws CellException {
        assertEquals("7", text("int a = 2;\nint b = a * 3;\n\nb + 1"));
        assertEquals("ab", text("String s1 = \"a\"; String s2 = s1 + \"b\"; s2"));
    }

    @Test
    void stateCarriesAcrossCells() throws CellException {
        run("int counter = 10;");
        run("void bump() { counter++; }");
        run("bump(); bump();");
        assertEquals("12", text("counter"));
    }

    @Test
    void kernelClassPathIsAvailableWithoutJars() throws CellException {
        assertEquals("q", text("org.unate.kernel.MimeBundle.ofText(\"q\").text()"));
        assertEquals("Fe", text("org.unate.crystal.Element.of(\"Fe\").symbol()"));
    }

    @Test
    void defaultImportsAreThere() throws CellException {
        assertEquals("true", text("new ArrayList<String>().isEmpty() && Pattern.matches(\"a+\", \"aa\")"));
    }

    @Test
    void completionSuggestsMembers() {
        JShellEvaluator.Completion c = session.complete("int k = 1;\nMath.ma", 18);
        assertTrue(c.matches().contains("max("), c.matches().toString());
        assertEquals(16, c.start());
        assertEquals(18, c.end());
        JShellEvaluator.Completion s = session.complete("\"abc\".len", 9);
        assertTrue(s.matches().contains("length()"), s.matches().toString());
    }

    @Test
    void completionOfMagicNames() {
        JShellEvaluator.Completion c = session.complete("%ja", 3);
        assertEquals(java.util.List.of("jars"), c.matches());
        assertEquals(1, c.start());
    }

    @Test
    void isComplete() {
        assertEquals(JShellEvaluator.Status.COMPLETE, session.isComplete("int x = 1;\nx + 1"));
        assertEquals(JShellEvaluator.Status.INCOMPLETE, session.isComplete("class A {"));
        assertEquals(JShellEvaluator.Status.INCOMPLETE, session.isComplete("%jars a.jar\nfor (int i = 0; i < 3; i++) {"));
        assertEquals(JShellEvaluator.Status.INVALID, session.isComplete(")"));
        assertFalse(session.isComplete("%classpath").equals(JShellEvaluator.Status.INCOMPLETE));
    }
}
