package org.unate.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves Maven coordinates with their transitive runtime dependencies for {@code %maven}.
 *
 * <p>How: it writes a throw-away POM that declares the coordinates as dependencies into a temporary folder and runs
 * {@code mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath} on it, which resolves the
 * dependency tree from Maven Central (plus any repositories in the user's {@code settings.xml}) into the local
 * repository ({@code ~/.m2/repository}) and writes the resulting class path to a file. The jars are used in place in
 * the local repository; the temporary folder is deleted afterwards. Shelling out keeps Maven's resolver, settings,
 * mirrors and proxies without bundling it in the kernel.
 *
 * <p>Configuration: the {@code mvn} executable is the system property {@code unate.kernel.mvn} or {@code mvn} on the
 * {@code PATH}; {@code -Dunate.kernel.maven.offline=true} adds {@code -o} (resolve from the local repository only).
 * {@link #cancel()} (kernel interrupt) kills a running resolution.
 */
final class MavenResolver {

    /** Version of maven-dependency-plugin used for resolution (also used by the project build, so it is cached). */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private volatile Process running;

    /** One parsed coordinate {@code groupId:artifactId[:packaging[:classifier]]:version}. */
    record Coordinate(String groupId, String artifactId, String packaging, String classifier, String version) {

        static Coordinate parse(String s) {
            String[] p = s.split(":", -1);
            for (String part : p) {
                if (!PART.matcher(part).matches()) {
                    throw new IllegalArgumentException("bad Maven coordinate '" + s
                            + "': expected groupId:artifactId[:packaging[:classifier]]:version");
                }
            }
            return switch (p.length) {
                case 3 -> new Coordinate(p[0], p[1], "jar", null, p[2]);
                case 4 -> new Coordinate(p[0], p[1], p[2], null, p[3]);
                case 5 -> new Coordinate(p[0], p[1], p[2], p[3], p[4]);
                default -> throw new IllegalArgumentException("bad Maven coordinate '" + s
                        + "': expected groupId:artifactId[:packaging[:classifier]]:version");
            };
        }

        String toXml() {
            return "    <dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId
                    + "</artifactId><version>" + version + "</version><type>" + packaging + "</type>"
                    + (classifier == null ? "" : "<classifier>" + classifier + "</classifier>") + "</dependency>\n";
        }
    }

    /** The POM declaring {@code coordinates} as runtime dependencies. */
    static String pom(List<Coordinate> coordinates) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
                .append("  <modelVersion>4.0.0</modelVersion>\n")
                .append("  <groupId>org.unate.kernel</groupId><artifactId>maven-magic</artifactId>")
                .append("<version>0</version><packaging>pom</packaging>\n")
                .append("  <dependencies>\n");
        coordinates.forEach(c -> b.append(c.toXml()));
        b.append("  </dependencies>\n</project>\n");
        return b.toString();
    }

    /**
     * Resolves {@code coordinates} and returns the jar paths (the artifacts and their transitive dependencies).
     *
     * @throws IOException with Maven's output if resolution fails or {@code mvn} cannot be run
     */
    List<Path> resolve(List<String> coordinates) throws IOException, InterruptedException {
        List<Coordinate> parsed = coordinates.stream().map(Coordinate::parse).toList();
        Path dir = Files.createTempDirectory("unate-kernel-maven");
        try {
            Files.writeString(dir.resolve("pom.xml"), pom(parsed), StandardCharsets.UTF_8);
            Path cpFile = dir.resolve("classpath.txt");
            List<String> cmd = new ArrayList<>(List.of(System.getProperty("unate.kernel.mvn", "mvn"), "-B", "-q"));
            if (Boolean.getBoolean("unate.kernel.maven.offline")) {
                cmd.add("-o");
            }
            cmd.addAll(List.of("-f", dir.resolve("pom.xml").toString(), DEPENDENCY_PLUGIN + ":build-classpath",
                    "-Dmdep.outputFile=" + cpFile, "-Dmdep.includeScope=runtime"));
            Process p;
            try {
                p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("could not run " + cmd.get(0) + " (install Maven or set -Dunate.kernel.mvn): "
                        + e.getMessage(), e);
            }
            running = p;
            String output;
            try {
                output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                if (rc != 0 || !Files.exists(cpFile)) {
                    throw new IOException("mvn failed (exit " + rc + ") resolving " + String.join(" ", coordinates)
                            + ":\n" + tail(output, 40));
                }
            } finally {
                running = null;
                p.destroyForcibly();
            }
            String cp = Files.readString(cpFile, StandardCharsets.UTF_8).strip();
            return cp.isEmpty() ? List.of()
                    : Arrays.stream(cp.split(java.io.File.pathSeparator)).map(Path::of).toList();
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Kills a running resolution, if any. */
    void cancel() {
        Process p = running;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String tail(String s, int lines) {
        List<String> all = s.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
