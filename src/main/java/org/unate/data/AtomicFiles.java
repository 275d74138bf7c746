package org.unate.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a partial file: the bytes go
 * to a temporary file in the same folder, which is then renamed over the target (atomic rename where the file system
 * supports it). A crash mid-write leaves at most a stray {@code *.tmp} file, which record readers ignore.
 */
public final class AtomicFiles {
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code file} atomically, creating parent folders. */
    public static void write(Path file, byte[] bytes) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempFile(parent, "." + abs.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new UncheckedIOException("cannot write " + file + ": " + Failures.message(e), e);
        }
    }

    /** Writes a JSON tree atomically, indented if {@code pretty}, with a final newline. */
    public static void writeJson(Path file, JsonNode root, boolean pretty) {
        try {
            String text = (pretty ? PRETTY : COMPACT).writeValueAsString(root) + "\n";
            write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise JSON for " + file + ": " + Failures.message(e), e);
        }
    }
}
