package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.kernel.CellException.CompilationException;
import org.unate.kernel.CellException.EvaluationException;
import org.unate.kernel.CellException.IncompleteSourceException;

/** Compile errors and runtime exceptions become cell errors with useful messages. */
class ErrorsTest {

    @TempDir
    static Path dir;
    static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start(dir, new RecordingSink());
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void compileErrorNamesLineColumnAndSymbol() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> session.execute("int ok = 1;\nint bad = ok + missingThing;", 1));
        assertTrue(e.getMessage().startsWith("line 2, column 16: cannot find symbol"), e.getMessage());
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("variable missingThing"), tb);
        assertTrue(tb.contains("int bad = ok + missingThing;"), tb);
        assertTrue(tb.contains("               ^^^^^^^^^^^^"), tb);
    }

    @Test
    void lineNumbersCountMagicLinesAndBlankLines() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> session.execute("%classpath\n\nString s = 5;", 2));
        assertTrue(e.getMessage().startsWith("line 3, column 12: incompatible types"), e.getMessage());
    }

    @Test
    void runtimeExceptionHasClassMessageAndUserFrames() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> session.execute("""
                int divide(int a, int b) { return a / b; }
                int x = 1;
                divide(x, 0)
                """, 7));
        assertEquals("java.lang.ArithmeticException", e.exceptionClassName());
        assertEquals("java.lang.ArithmeticException: / by zero", e.getMessage());
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("at divide (In[7], line 1)"), tb);
        assertTrue(tb.contains("at <cell> (In[7], line 3)"), tb);
    }

    @Test
    void causesAreListed() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> session.execute(
                "throw new RuntimeException(\"outer\", new IllegalStateException(\"inner\"));", 8));
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("Caused by: java.lang.IllegalStateException: inner"), tb);
    }

    @Test
    void errorStopsTheRestOfTheCellAndSessionContinues() throws CellException {
        assertThrows(EvaluationException.class,
                () -> session.execute("int q = 1;\nint r = 1 / 0;\nq = 5;", 9));
        assertEquals("1", session.execute("q", 10).orElseThrow().text());
    }

    @Test
    void exceptionFromLibraryCodeShowsLibraryFrames() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> session.execute("org.unate.crystal.Element.of(\"Xx\")", 11));
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("org.unate.crystal.Element.of("), tb);
    }

    @Test
    void unclosedBraceIsIncompleteSource() {
        IncompleteSourceException e = assertThrows(IncompleteSourceException.class,
                () -> session.execute("int z = 3;\nfor (int i = 0; i < 2; i++) {\n  z++;", 12));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void unresolvedReferenceFailsWhenUsed() {
        assertThrows(EvaluationException.class, () -> session.execute("void later() { notYet(); }\nlater();", 13));
    }
}
