package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.kernel.CellException.MagicException;

/** Line magics: %jars (with globs), %classpath, unknown and cell magics; cell splitting and argument parsing. */
class MagicsTest {

    @TempDir
    static Path dir;
    static RecordingSink sink = new RecordingSink();
    static KernelSession session;
    static Path jar;
    static int count;

    @BeforeAll
    static void start() throws IOException {
        jar = buildJar(dir.resolve("libs"), "greeter.jar", "demo.Greeter",
                "package demo; public class Greeter { public String hi() { return \"hello from jar\"; } }");
        Files.writeString(dir.resolve("libs").resolve("notes.txt"), "not a jar");
        session = KernelSession.start(dir.resolve("notebooks"), sink);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @BeforeEach
    void clear() {
        sink.clear();
    }

    /** Compiles one class and packs it into {@code folder/name}. */
    static Path buildJar(Path folder, String name, String className, String source) throws IOException {
        Path src = folder.resolve("src");
        Path classes = folder.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), file.toString()));
        Path out = folder.resolve(name);
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry(entry));
            jos.write(Files.readAllBytes(classes.resolve(entry)));
            jos.closeEntry();
        }
        return out;
    }

    @Test
    void jarsWithRelativeGlobAddsTheJar() throws CellException {
        session.execute("%jars ../libs/*.jar\nnew demo.Greeter().hi()", ++count);
        assertTrue(session.classpath().contains(jar.toAbsolutePath().normalize().toString()));
        assertEquals("hello from jar", session.execute("new demo.Greeter().hi()", ++count).orElseThrow().text());
        int before = session.classpath().size();
        session.execute("%jars ../libs/*.jar", ++count);
        assertEquals(before, session.classpath().size(), "adding the same jar again is a no-op");
        assertEquals("hello from jar", session.execute("new demo.Greeter().hi()", ++count).orElseThrow().text());
    }

    @Test
    void aJarWithClassesTheKernelHasSaysTheKernelsCopyWins() throws Exception {
        // a second copy of one of the kernel's own classes (as the project jar of another clone would be), and a
        // class of its own
        Path folder = dir.resolve("dup");
        Path jar = buildJar(folder, "dup.jar", "demo.OnlyHere", "package demo; public class OnlyHere {}");
        String kernelClass = MimeBundle.class.getName().replace('.', '/') + ".class";
        try (java.io.InputStream in = MimeBundle.class.getClassLoader().getResourceAsStream(kernelClass)) {
            addEntry(jar, kernelClass, in.readAllBytes());
        }
        session.execute("%jars ../dup/dup.jar", ++count);
        String err = sink.err.toString();
        assertTrue(err.startsWith("warning: ../dup/dup.jar (" + jar.toAbsolutePath().normalize() + "): 1 of its 2"
                + " classes are already on the class path"), err);
        assertTrue(err.contains("from the kernel's own class path") && err.contains("(e.g. "
                + MimeBundle.class.getName() + ")"), err);
        assertTrue(err.contains("The kernel's own copy always wins") && err.contains("make kernel"), err);
        assertEquals("demo.OnlyHere", session.execute("demo.OnlyHere.class.getName()", ++count).orElseThrow().text(),
                "the jar's own classes are used");
    }

    @Test
    void twoJarsWithTheSameClassSayTheFirstWins() throws Exception {
        Path first = buildJar(dir.resolve("twin1"), "twin.jar", "twin.Twin",
                "package twin; public class Twin { public String who() { return \"first\"; } }");
        buildJar(dir.resolve("twin2"), "twin.jar", "twin.Twin",
                "package twin; public class Twin { public String who() { return \"second\"; } }");
        session.execute("%jars ../twin1/twin.jar", ++count);
        assertEquals("", sink.err.toString(), "a jar of new classes adds silently");
        session.execute("%jars ../twin2/twin.jar", ++count);
        String err = sink.err.toString();
        assertTrue(err.contains("1 of its 1 classes are already on the class path"), err);
        assertTrue(err.contains("from the earlier %jars entry " + first.toAbsolutePath().normalize()
                + " (e.g. twin.Twin)") && err.contains("The copy added first wins"), err);
        assertEquals("first", session.execute("new twin.Twin().who()", ++count).orElseThrow().text());
    }

    @Test
    void manyShadowedJarsGiveOneWarningListingTheFirstFew() throws Exception {
        List<String> kernel = session.classpath().stream().filter(e -> e.endsWith(".jar")).limit(9).toList();
        Path copies = dir.resolve("copies");
        Files.createDirectories(copies);
        for (String k : kernel) {
            Path p = Path.of(k);
            Files.copy(p, copies.resolve(p.getFileName()));
        }
        session.execute("%jars ../copies/*.jar", ++count);
        String err = sink.err.toString();
        assertEquals(1, err.lines().filter(l -> l.startsWith("warning: ")).count(), err);
        long withClasses = kernel.stream().filter(k -> !ClassShadows.classes(Path.of(k)).isEmpty()).count();
        assertTrue(withClasses > ClassShadows.MAX_LISTED, kernel.toString());
        assertTrue(err.startsWith("warning: " + withClasses + " of the entries added hold classes"), err);
        assertTrue(err.contains("... and " + (withClasses - ClassShadows.MAX_LISTED) + " more"), err);
    }

    /** Adds one more entry to an existing jar. */
    static void addEntry(Path jar, String name, byte[] bytes) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            for (var en = in.entries(); en.hasMoreElements(); ) {
                JarEntry e = en.nextElement();
                out.putNextEntry(new JarEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(name));
            out.write(bytes);
            out.closeEntry();
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void jarsOfTheKernelsOwnClassPathIsHarmless() throws CellException {
        String own = session.classpath().get(0);
        int before = session.classpath().size();
        session.execute("%jars \"" + own + "\"", ++count);
        assertEquals(before, session.classpath().size());
        assertEquals("3", session.execute("1 + 2", ++count).orElseThrow().text());
    }

    @Test
    void classpathPrintsEntries() throws CellException {
        session.execute("%classpath", ++count);
        List<String> lines = sink.out.toString().lines().toList();
        assertEquals(session.classpath(), lines);
        assertTrue(lines.size() >= 1);
    }

    @Test
    void unknownMagicIsAClearError() {
        MagicException e = assertThrows(MagicException.class, () -> session.execute("%frobnicate now", ++count));
        assertTrue(e.getMessage().startsWith("Unknown line magic %frobnicate"), e.getMessage());
        assertTrue(e.getMessage().contains("%jars"), e.getMessage());
    }

    @Test
    void cellMagicIsRejected() {
        MagicException e = assertThrows(MagicException.class, () -> session.execute("%%shell\nls", ++count));
        assertTrue(e.getMessage().contains("%%shell"), e.getMessage());
    }

    @Test
    void globMatchingNothingFails() {
        MagicException e = assertThrows(MagicException.class,
                () -> session.execute("%jars ../nowhere/*.jar", ++count));
        assertTrue(e.getMessage().contains("matched no files"), e.getMessage());
    }

    @Test
    void badMavenCoordinateFailsBeforeRunningMaven() {
        MagicException e = assertThrows(MagicException.class, () -> session.execute("%maven not-a-coordinate", ++count));
        assertTrue(e.getMessage().contains("groupId:artifactId"), e.getMessage());
    }

    @Test
    void splitKeepsOrderAndLineNumbers() {
        List<CellSource.Segment> segs = CellSource.split("%jars a.jar b.jar\nint x = 1;\n\n%classpath\nx", s -> false);
        assertEquals(4, segs.size());
        assertEquals("jars", segs.get(0).magicName());
        assertEquals("a.jar b.jar", segs.get(0).magicArgs());
        assertEquals(2, segs.get(1).firstLine());
        assertEquals("int x = 1;\n", segs.get(1).text());
        assertEquals("classpath", segs.get(2).magicName());
        assertEquals(5, segs.get(3).firstLine());
    }

    @Test
    void percentInsideAnExpressionStaysJava() throws CellException {
        assertEquals("3", session.execute("int k = 4;\nint m = 7\n    %k;\nm", ++count).orElseThrow().text());
    }

    @Test
    void splitArgsHonoursQuotes() {
        assertEquals(List.of("a b", "c", "d'e"), CellSource.splitArgs(" \"a b\"  c d\\'e "));
    }

    @Test
    void globsResolveSorted() throws IOException {
        buildJar(dir.resolve("more"), "b.jar", "p.B", "package p; public class B {}");
        buildJar(dir.resolve("more"), "a.jar", "p.A", "package p; public class A {}");
        List<Path> found = ClasspathGlobs.resolve(dir, "more/*.jar");
        assertEquals(List.of(dir.resolve("more/a.jar"), dir.resolve("more/b.jar")), found);
        assertTrue(ClasspathGlobs.resolve(dir, "**/*.jar").containsAll(found));
        assertThrows(IOException.class, () -> ClasspathGlobs.resolve(dir, "more/missing.jar"));
    }
}
