package org.unate.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The version of the code that produced a result, for {@code code_version} in result records.
 * <p>{@link #current()} tries, in order: {@code git describe --always --dirty --tags} in the working directory (for
 * example {@code 1f5ca67-dirty}: the commit, and {@code -dirty} when tracked files have uncommitted changes), then the
 * {@code Implementation-Version} of the jar this class was loaded from (prefixed {@code jar:}), else {@code unknown}.
 * The answer is computed once per JVM.
 */
public final class CodeVersion {
    private static volatile String cached;

    private CodeVersion() {
    }

    /** The code version of this JVM's working directory or jar (cached). */
    public static String current() {
        String v = cached;
        if (v == null) {
            v = gitDescribe(Path.of(System.getProperty("user.dir"))).orElseGet(() -> {
                String impl = CodeVersion.class.getPackage() == null ? null
                        : CodeVersion.class.getPackage().getImplementationVersion();
                return impl != null ? "jar:" + impl : "unknown";
            });
            cached = v;
        }
        return v;
    }

    /**
     * {@code git describe --always --dirty --tags} run in {@code dir}; empty if git is absent, {@code dir} is not in a
     * repository, or git does not answer within 10 s.
     */
    public static Optional<String> gitDescribe(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Process p = null;
        try {
            p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--tags")
                    .directory(dir.toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
    }
}
