package org.unate.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.unate.kernel.CellException.MagicException;

/**
 * Line magics (IJava syntax), each a function of the session and its whitespace-separated arguments:
 * <ul>
 *   <li>{@code %jars path-or-glob...}: adds jars; a folder (given or matched) adds the jars in it;</li>
 *   <li>{@code %classpath [path-or-glob...]}: without arguments prints the class path, one entry a line; with
 *       arguments adds the entries (jars or class folders), as IJava does;</li>
 *   <li>{@code %maven groupId:artifactId[:packaging[:classifier]]:version...} (aliases {@code %addMavenDependency},
 *       {@code %addMavenDependencies}): resolves with transitive dependencies via {@link MavenResolver}.</li>
 * </ul>
 * Relative paths are resolved against the session's working directory. Adding an entry already on the class path is
 * a no-op; adding one whose classes are already there (another clone's project jar, a second copy of a library)
 * warns which copy cells use ({@link KernelSession#addToClasspath(List)}, {@link ClassShadows}).
 */
final class Magics {

    /** One line magic. */
    @FunctionalInterface
    interface LineMagic {
        void run(KernelSession session, List<String> args) throws Exception;
    }

    private final Map<String, LineMagic> magics = new TreeMap<>();

    private Magics() {
    }

    static Magics standard() {
        Magics m = new Magics();
        m.register("jars", Magics::jars);
        m.register("classpath", Magics::classpath);
        m.register("maven", Magics::maven);
        m.register("addMavenDependency", Magics::maven);
        m.register("addMavenDependencies", Magics::maven);
        return m;
    }

    void register(String name, LineMagic magic) {
        magics.put(name, magic);
    }

    /** Names of the registered magics, sorted. */
    List<String> names() {
        return List.copyOf(magics.keySet());
    }

    void run(KernelSession session, String name, String args) throws CellException {
        LineMagic magic = magics.get(name);
        if (magic == null) {
            throw new MagicException("Unknown line magic %" + name + " (supported: "
                    + String.join(", ", names().stream().map(n -> "%" + n).toList()) + ")");
        }
        try {
            magic.run(session, CellSource.splitArgs(args));
        } catch (CellException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellException.CellInterruptedException("Interrupted: %" + name + " was stopped");
        } catch (Exception e) {
            throw new MagicException("%" + name + " failed: " + e.getMessage());
        }
    }

    private static void jars(KernelSession s, List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("expected one or more jar paths or globs, e.g. %jars ../target/lib/*.jar");
        }
        List<Path> jars = new ArrayList<>();
        for (String arg : args) {
            for (Path p : ClasspathGlobs.resolve(s.workingDirectory(), arg)) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.list(p)) {
                        jars.addAll(files.filter(f -> f.toString().endsWith(".jar")).sorted().toList());
                    }
                } else {
                    jars.add(p);
                }
            }
        }
        s.addToClasspath(jars);
    }

    private static void classpath(KernelSession s, List<String> args) throws IOException {
        if (args.isEmpty()) {
            s.classpath().forEach(System.out::println);
            return;
        }
        List<Path> entries = new ArrayList<>();
        for (String arg : args) {
            entries.addAll(ClasspathGlobs.resolve(s.workingDirectory(), arg));
        }
        s.addToClasspath(entries);
    }

    private static void maven(KernelSession s, List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("expected coordinates groupId:artifactId:version");
        }
        s.addToClasspath(new ArrayList<>(s.maven().resolve(args)));
    }
}
