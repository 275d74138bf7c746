package org.unate.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which class-path entry holds each class first, so that adding a jar can say which copy of a class cells will use.
 * <p>Snippet classes are loaded by JShell's class loader, whose parent is the application class loader: a class on
 * the kernel's own class path ({@code java.class.path}, e.g. the {@code unate.jar} the kernelspec names) always wins
 * over a copy added later with {@code %jars}; among added entries, the one added first wins. A jar that brings
 * classes already held by an earlier entry (the project jar of another clone, a second TensorFlow jar) therefore
 * changes nothing for those classes, silently; {@link #shadowed} finds them so that the magic can say so.
 * <p>Entries are indexed lazily (on the first jar checked), jars by their central directory, class folders by their
 * {@code .class} files. Only class files count ({@code module-info} and {@code package-info} aside;
 * {@code META-INF/versions/N/} entries count as their base name).
 */
final class ClassShadows {
    private final Set<String> kernelEntries;
    private final Map<String, String> firstHolder = new HashMap<>();
    private final Set<String> indexed = new HashSet<>();

    /** @param kernelEntries the entries of the kernel's own class path (absolute, normalised) */
    ClassShadows(List<String> kernelEntries) {
        this.kernelEntries = Set.copyOf(kernelEntries);
    }

    /**
     * What an earlier entry already holds of a candidate entry.
     *
     * @param classes  the number of classes of the candidate
     * @param byHolder the candidate's classes that an earlier entry holds (binary names, sorted), by that entry, in
     *                 class-path order; empty when there are none
     */
    record Shadowing(int classes, Map<String, List<String>> byHolder) {
        boolean any() {
            return !byHolder.isEmpty();
        }

        int shadowedCount() {
            return byHolder.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * The classes of {@code candidate} that an entry of {@code classpath} (in search order) already holds. Indexes the
     * entries not indexed yet.
     *
     * @param classpath the current class path, in the order classes are searched
     */
    synchronized Shadowing shadowed(List<String> classpath, Path candidate) {
        for (String entry : classpath) {
            if (indexed.add(entry)) {
                for (String c : classes(Path.of(entry))) {
                    firstHolder.putIfAbsent(c, entry);
                }
            }
        }
        Map<String, TreeSet<String>> byHolder = new LinkedHashMap<>();
        for (String entry : classpath) {
            byHolder.put(entry, new TreeSet<>());
        }
        Set<String> candidateClasses = classes(candidate);
        for (String c : candidateClasses) {
            String holder = firstHolder.get(c);
            if (holder != null) {
                byHolder.get(holder).add(c.substring(0, c.length() - ".class".length()).replace('/', '.'));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byHolder.forEach((holder, names) -> {
            if (!names.isEmpty()) {
                out.put(holder, List.copyOf(names));
            }
        });
        return new Shadowing(candidateClasses.size(), out);
    }

    /** Whether {@code entry} is on the kernel's own class path (loaded by the application class loader). */
    boolean isKernelEntry(String entry) {
        return kernelEntries.contains(entry);
    }

    /** One entry added whose classes an earlier entry already holds: as shown to the user, resolved, and what. */
    record Added(String shown, Path resolved, Shadowing shadowing) {
    }

    /** Lines of a warning listing entries; the rest are counted. */
    static final int MAX_LISTED = 5;

    /**
     * One warning for all the entries of one magic whose classes an earlier entry already holds: for each (at most
     * {@value #MAX_LISTED}) how many of its classes are held, by which entry, an example; which copy cells will use;
     * and what to do. Null when {@code added} is empty.
     */
    String warning(List<Added> added) {
        if (added.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("warning: ");
        if (added.size() == 1) {
            Added a = added.get(0);
            b.append(a.shown());
            if (!a.shown().equals(a.resolved().toString())) {
                b.append(" (").append(a.resolved()).append(')');
            }
            b.append(String.format(java.util.Locale.ROOT, ": %,d of its %,d classes are already on the class path,"
                    + " so cells keep using the copies loaded from there:", a.shadowing().shadowedCount(),
                    a.shadowing().classes()));
        } else {
            b.append(String.format(java.util.Locale.ROOT, "%d of the entries added hold classes that are already on"
                    + " the class path, so cells keep using the copies loaded from there:", added.size()));
        }
        boolean kernel = false;
        for (int i = 0; i < added.size(); i++) {
            Added a = added.get(i);
            for (Map.Entry<String, List<String>> e : a.shadowing().byHolder().entrySet()) {
                kernel |= isKernelEntry(e.getKey());
            }
            if (i >= MAX_LISTED) {
                continue;
            }
            for (Map.Entry<String, List<String>> e : a.shadowing().byHolder().entrySet()) {
                b.append("\n  ");
                if (added.size() > 1) {
                    b.append(a.shown()).append(": ");
                }
                b.append(String.format(java.util.Locale.ROOT, "%,d", e.getValue().size()))
                        .append(isKernelEntry(e.getKey()) ? " from the kernel's own class path, "
                                : " from the earlier %jars entry ")
                        .append(e.getKey()).append(" (e.g. ").append(e.getValue().get(0)).append(')');
            }
        }
        if (added.size() > MAX_LISTED) {
            b.append("\n  ... and ").append(added.size() - MAX_LISTED).append(" more");
        }
        b.append(kernel
                ? "\nThe kernel's own copy always wins (it is loaded first). To use the added copies, install the"
                        + " kernel from their project (`make kernel` there, or KernelMain --install) and restart the"
                        + " kernel; if both are the same build, ignore this."
                : "\nThe copy added first wins. Restart the kernel and add only the jars you mean to use.");
        return b.toString();
    }

    /** The class-file names ({@code org/unate/Foo.class}) of a jar or a class folder; none for anything else. */
    static Set<String> classes(Path entry) {
        Set<String> out = new LinkedHashSet<>();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    walk.filter(f -> f.toString().endsWith(".class") && Files.isRegularFile(f))
                            .map(f -> entry.relativize(f).toString().replace('\\', '/'))
                            .map(ClassShadows::baseName).filter(ClassShadows::counts).forEach(out::add);
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                        JarEntry e = en.nextElement();
                        if (!e.isDirectory() && e.getName().endsWith(".class")) {
                            String name = baseName(e.getName());
                            if (counts(name)) {
                                out.add(name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + entry + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code META-INF/versions/11/a/B.class} -> {@code a/B.class}. */
    private static String baseName(String name) {
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            return slash < 0 ? name : name.substring(slash + 1);
        }
        return name;
    }

    private static boolean counts(String name) {
        return !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                && !name.endsWith("package-info.class");
    }
}
