package org.unate.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether progress output reaches a person at a terminal (so a redrawn bar with carriage returns and colours is
 * right) or a file, a pipe or a notebook (so plain lines are: one per update, no {@code \r}, no escape codes).
 * <p>{@link #stderr()} answers for the JVM's standard error, where every progress bar of the project writes:
 * <ol>
 * <li>{@code UNATE_PROGRESS=plain} or {@code bar} in the environment decides outright (for a terminal that is not
 * detected, or to force plain lines anywhere);</li>
 * <li>{@code TERM=dumb} or no {@link System#console()} (standard input or output is not a terminal: a pipe, a file,
 * a Jupyter kernel, a background job): plain;</li>
 * <li>on Linux, where {@code /proc/self/fd/2} points: a terminal device ({@code /dev/pts/N}, {@code /dev/ttyN}) is a
 * terminal, anything else (a file, {@code pipe:[...]}, a socket) is not, so {@code java ... 2> log} from a terminal
 * writes plain lines to the log;</li>
 * <li>elsewhere (no {@code /proc}), a console counts as a terminal.</li>
 * </ol>
 */
public final class Terminal {
    /** The environment variable that overrides detection: {@code plain} or {@code bar}. */
    public static final String PROGRESS_ENV = "UNATE_PROGRESS";

    private Terminal() {
    }

    /** Whether standard error is a terminal that can show a redrawn progress bar (see the class comment). */
    public static boolean stderr() {
        return decide(System.getenv(), System.console() != null, fdTarget(2));
    }

    /**
     * The decision of {@link #stderr()} from its inputs, for tests.
     *
     * @param env        the environment ({@value #PROGRESS_ENV}, {@code TERM})
     * @param console    whether the JVM has a console
     * @param stderrLink where file descriptor 2 points ({@code /proc/self/fd/2}), empty when unknown
     * @throws IllegalArgumentException if {@value #PROGRESS_ENV} is set to something other than plain or bar
     */
    static boolean decide(Map<String, String> env, boolean console, Optional<String> stderrLink) {
        String forced = env.get(PROGRESS_ENV);
        if (forced != null && !forced.isBlank()) {
            switch (forced.trim().toLowerCase(Locale.ROOT)) {
                case "plain" -> {
                    return false;
                }
                case "bar" -> {
                    return true;
                }
                default -> throw new IllegalArgumentException(PROGRESS_ENV + " must be 'plain' or 'bar', got '"
                        + forced + "'");
            }
        }
        if ("dumb".equals(env.get("TERM")) || !console) {
            return false;
        }
        return stderrLink.map(Terminal::isTerminalDevice).orElse(true);
    }

    /** Whether a path names a terminal device: {@code /dev/pts/N}, {@code /dev/ttyN}, {@code /dev/tty}, the console. */
    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }

    private static Optional<String> fdTarget(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).toString()) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
