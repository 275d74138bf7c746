package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.kernel.CellException.CellInterruptedException;

/**
 * Interrupting running cells on the JDK running the tests (JDK 17: Thread.stop; newer JDKs: JShell's stop checks).
 * The timeouts only guard against a hang; they are not performance thresholds.
 */
class InterruptTest {

    @TempDir
    static Path dir;
    static RecordingSink sink = new RecordingSink();
    static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start(dir, sink);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    /** Runs {@code cell} and interrupts it once it has printed {@code marker}; returns what the cell threw. */
    static Throwable runAndInterrupt(String cell, String marker) {
        sink.clear();
        Thread interrupter = new Thread(() -> {
            while (!sink.out.toString().contains(marker)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            session.interrupt();
        });
        interrupter.start();
        try {
            return assertThrows(CellInterruptedException.class, () -> session.execute(cell, 1));
        } finally {
            interrupter.interrupt();
        }
    }

    @Test
    void infiniteLoopIsInterrupted() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            runAndInterrupt("System.out.println(\"started\"); System.out.flush(); while (true) {}", "started");
            assertEquals("2", session.execute("1 + 1", 2).orElseThrow().text(), "the session keeps working");
        });
    }

    @Test
    void loopInADefinedMethodIsInterrupted() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            session.execute("void spin() { System.out.println(\"spinning\"); long n = 0; while (true) { n++; } }", 3);
            runAndInterrupt("spin();", "spinning");
            assertEquals("4", session.execute("2 * 2", 4).orElseThrow().text());
        });
    }

    @Test
    void sleepingCellIsInterrupted() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Throwable t = runAndInterrupt("System.out.println(\"zz\"); System.out.flush(); Thread.sleep(600_000);",
                    "zz");
            assertEquals("Interrupted: the cell was stopped by an interrupt request", t.getMessage());
        });
    }

    @Test
    void interruptWhileTheLoopSnippetIsStillCompilingIsNotLost() {
        // The marker is printed by the snippet before the loop, so the interrupt usually arrives while JShell is
        // compiling the loop snippet or just before it runs; either way the cell must stop.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3; i++) {
                runAndInterrupt("System.out.println(\"go\"); System.out.flush();\nint w = 0;\nwhile (true) { w++; }",
                        "go");
            }
        });
    }

    @Test
    void interruptBetweenCellsDoesNotAffectTheNextCell() throws CellException {
        session.interrupt();
        assertEquals("5", session.execute("2 + 3", 5).orElseThrow().text());
    }
}
