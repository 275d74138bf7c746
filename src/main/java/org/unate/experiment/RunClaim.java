package org.unate.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one sweep run: a lock on {@code RUN/claim.lock}, held while a start of the sweep trains the run, so
 * that several starts into one sweep folder (in one JVM or in several processes) split its runs between them and
 * never train one run twice. The operating system releases the lock when its process ends, even by {@code kill -9},
 * so a claim never outlives its holder. The file also names the holder's process id, which lets other starts count
 * the runs in progress elsewhere for their ETA without touching the lock.
 * <p>Within one JVM a claim is also kept in a set, and a file in the set is never opened a second time, not even to
 * read it: on Linux closing any descriptor of a file releases every lock the process holds on it.
 */
final class RunClaim implements AutoCloseable {
    static final String FILE = "claim.lock";
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunClaim(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims the run of folder {@code runDir}; empty when another start (here or in another process) holds it. */
    static Optional<RunClaim> tryClaim(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Path file = runDir.resolve(FILE).toAbsolutePath().normalize();
        if (!HELD_HERE.add(file)) {
            return Optional.empty();
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                HELD_HERE.remove(file);
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return Optional.of(new RunClaim(file, ch, l));
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            HELD_HERE.remove(file);
            if (e instanceof OverlappingFileLockException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Whether the run of {@code runDir} is claimed by a live process other than this one, read from its claim file
     * without locking it (so that looking never gets in the way of a start claiming the run). A claim left by a
     * killed process names a process that no longer runs and does not count.
     */
    static boolean heldElsewhere(Path runDir) {
        Path file = runDir.resolve(FILE).toAbsolutePath().normalize();
        if (HELD_HERE.contains(file)) {
            return false; // held by this JVM; reading it would close a descriptor of the file and drop the lock
        }
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (s.isEmpty()) {
                return false;
            }
            long pid = Long.parseLong(s);
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } finally {
            channel.close();
            HELD_HERE.remove(file);
        }
    }
}
