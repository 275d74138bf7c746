package org.unate.kernel;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves the path arguments of {@code %jars} and {@code %classpath}: plain paths or globs ({@code *}, {@code ?},
 * {@code [..]}, <code>{a,b}</code>, {@code **}), relative to a base directory (the kernel's working directory, which
 * Jupyter sets to the notebook's folder).
 */
final class ClasspathGlobs {

    private ClasspathGlobs() {
    }

    static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * Files or folders matching {@code pattern}, sorted.
     *
     * @throws IOException if a plain path does not exist or a glob matches nothing (the message names the pattern
     *                     and the folder searched)
     */
    static List<Path> resolve(Path base, String pattern) throws IOException {
        String p = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
        if (!isGlob(p)) {
            Path path = base.resolve(p).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new IOException("no such file: " + pattern + " (resolved to " + path + ")");
            }
            return List.of(path);
        }
        String[] parts = p.replace('\\', '/').split("/", -1);
        int firstGlob = 0;
        while (!isGlob(parts[firstGlob])) {
            firstGlob++;
        }
        String fixed = String.join("/", java.util.Arrays.copyOfRange(parts, 0, firstGlob));
        Path root = (p.startsWith("/") && fixed.isEmpty() ? Path.of("/") : base.resolve(fixed))
                .toAbsolutePath().normalize();
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, firstGlob, parts.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - firstGlob;
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root, depth)) {
                walk.filter(f -> !f.equals(root) && matcher.matches(root.relativize(f))).sorted().forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw new IOException("pattern " + pattern + " matched no files (searched " + root + ")");
        }
        return found;
    }
}
