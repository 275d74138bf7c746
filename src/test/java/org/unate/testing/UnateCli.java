package org.unate.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.unate.cli.Main;
import picocli.CommandLine;

/** Runs the {@code unate} command line in this JVM and keeps what it printed (tests of the commands). */
public final class UnateCli {
    private UnateCli() {
    }

    /**
     * What one command printed and returned.
     *
     * @param err stderr, then the messages of the command line's exception handler
     */
    public record Result(int code, String out, String err) {
    }

    /** {@code unate ARGS}, with System.out and System.err captured for the call. */
    public static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter handlerErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(handlerErr, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + handlerErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
