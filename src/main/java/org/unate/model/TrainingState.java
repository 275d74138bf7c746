package org.unate.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;

/**
 * The resumable state of one training run, in a folder of its own:
 * <pre>
 *   STATE/epoch-000007/        the snapshot after epoch 7 (only the newest is kept)
 *     state.json               format, epoch, elapsed training seconds, best epoch, best validation MAE, epochs since
 *                              the best, finished flag and stop reason, the size of every file of the snapshot, and
 *                              the fingerprint of what the run depends on
 *     history.csv              the history rows so far (doubles written with Double.toString: exact round trip)
 *     vars/ckpt.*              every variable of the graph: weights, Adam moments and beta powers, batch-norm moving
 *                              statistics (TensorFlow checkpoint; absent once the run has finished)
 *     best/ckpt.*              the best-validation variables (hard links to the files of the epoch that was best)
 *   STATE/epoch-000008.partial a snapshot being written: never read, removed on the next start
 * </pre>
 * A snapshot is written into {@code epoch-N.partial}, every file and the folder are forced to disk, and the folder is
 * then renamed to {@code epoch-N} (an atomic rename in one file system); older snapshots are deleted only after that.
 * A folder named {@code epoch-N} is therefore always complete; in addition its files are checked against the sizes
 * recorded in state.json before it is used. One run per folder: while training, the process holds an exclusive lock
 * on {@code STATE/lock} (released by the operating system if the process dies), and a second run into the same folder
 * is refused. Not thread-safe.
 */
public final class TrainingState implements AutoCloseable {
    static final String FORMAT = "unate-training-state/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern SNAPSHOT = Pattern.compile("epoch-(\\d{6,})");
    private static final String PARTIAL = ".partial";

    private final Path dir;
    private final Map<String, String> fingerprint;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Path current;

    /**
     * A committed snapshot read back from disk.
     *
     * @param folder         the snapshot folder
     * @param epoch          last finished epoch (1-based)
     * @param elapsedSeconds training wall time up to the end of that epoch's save, summed over all sessions
     * @param rows           history rows 1..epoch
     * @param bestEpoch      epoch of the best validation MAE (0 if none)
     * @param bestValMae     best validation MAE so far (NaN without validation data)
     * @param sinceBest      epochs since the best one
     * @param finished       whether training had stopped (then {@code stopReason} says why and vars/ is absent)
     * @param stopReason     null unless finished
     */
    record Snapshot(Path folder, int epoch, double elapsedSeconds, List<EpochRecord> rows, int bestEpoch,
                    double bestValMae, int sinceBest, boolean finished, String stopReason) {
        Path vars() {
            return folder.resolve("vars");
        }

        Path best() {
            return folder.resolve("best");
        }

        boolean hasBest() {
            return Files.isRegularFile(best().resolve(TrainingLoop.CHECKPOINT + ".index"));
        }
    }

    private TrainingState(Path dir, Map<String, String> fingerprint, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.fingerprint = Map.copyOf(fingerprint);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating) the state folder of a run with this fingerprint, takes its lock and removes leftover partial
     * snapshots. Close it to release the lock.
     *
     * @throws IllegalStateException if another process holds the folder's lock
     */
    public static TrainingState open(Path dir, Map<String, String> fingerprint) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("another training run is using " + dir + " (its lock file is held)");
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    if (p.getFileName().toString().endsWith(PARTIAL)) {
                        deleteTree(p);
                    }
                }
            }
            return new TrainingState(dir, fingerprint, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open training state folder " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Refuses a run whose state folder another process is using (its lock is held); creates and changes nothing, so
     * a command can check before it writes anything.
     *
     * @throws IllegalStateException naming the folder when its lock is held
     */
    public static void requireUnlocked(Path dir) {
        Path lockFile = dir.resolve("lock");
        if (!Files.isRegularFile(lockFile)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(ch);
            if (lock == null) {
                throw new IllegalStateException("another training run is using " + dir
                        + " (its lock file is held); nothing in " + dir.getParent() + " was changed");
            }
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Releases the folder's lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    Path dir() {
        return dir;
    }

    /** Whether {@code dir} holds at least one committed snapshot folder. */
    static boolean hasSnapshot(Path dir) {
        return !snapshotFolders(dir).isEmpty();
    }

    /** Committed snapshot folders, newest first. */
    private static List<Path> snapshotFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> SNAPSHOT.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest usable snapshot. Snapshots that cannot be read (missing or truncated files, bad JSON) are reported
     * to {@code notice}, deleted, and the next older one is tried.
     *
     * @throws IllegalStateException if a readable snapshot belongs to a run with a different fingerprint, naming
     *                               every entry that differs
     */
    Optional<Snapshot> latest(Consumer<String> notice) {
        for (Path folder : snapshotFolders(dir)) {
            Snapshot s;
            JsonNode root;
            try {
                root = JSON.readTree(folder.resolve("state.json").toFile());
                s = read(folder, root);
            } catch (IOException | RuntimeException e) {
                notice.accept("training state " + folder + " is unusable (" + e.getMessage() + "); it is deleted");
                deleteTree(folder);
                continue;
            }
            requireSameFingerprint(folder, root.path("fingerprint"));
            current = folder;
            return Optional.of(s);
        }
        return Optional.empty();
    }

    private static Snapshot read(Path folder, JsonNode root) throws IOException {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("state.json: expected format " + FORMAT + ", got " + root.path("format"));
        }
        Matcher m = SNAPSHOT.matcher(folder.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot folder name");
        }
        int epoch = root.path("epoch").asInt(-1);
        if (epoch != Integer.parseInt(m.group(1))) {
            throw new IllegalArgumentException("state.json says epoch " + root.path("epoch") + " in folder " + folder.getFileName());
        }
        JsonNode files = root.path("files");
        if (!files.isObject() || files.isEmpty()) {
            throw new IllegalArgumentException("state.json lists no files");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Path p = folder.resolve(f.getKey());
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(f.getKey() + " is missing");
            }
            if (Files.size(p) != f.getValue().asLong()) {
                throw new IllegalArgumentException(f.getKey() + " has " + Files.size(p) + " bytes, expected "
                        + f.getValue().asLong());
            }
        }
        List<EpochRecord> rows = TrainingHistory.readCsv(folder.resolve("history.csv"));
        if (rows.size() != epoch) {
            throw new IllegalArgumentException("history.csv has " + rows.size() + " rows for epoch " + epoch);
        }
        for (int k = 0; k < rows.size(); k++) {
            if (rows.get(k).epoch() != k + 1) {
                throw new IllegalArgumentException("history.csv row " + (k + 1) + " is epoch " + rows.get(k).epoch());
            }
        }
        boolean finished = root.path("finished").asBoolean(false);
        Snapshot s = new Snapshot(folder, epoch, root.path("elapsed_s").asDouble(), rows,
                root.path("best_epoch").asInt(), Double.parseDouble(root.path("best_val_mae").asText()),
                root.path("since_best").asInt(), finished, finished ? root.path("stop_reason").asText() : null);
        if (!finished && !Files.isRegularFile(s.vars().resolve(TrainingLoop.CHECKPOINT + ".index"))) {
            throw new IllegalArgumentException("vars/" + TrainingLoop.CHECKPOINT + ".index is missing");
        }
        if (s.bestEpoch() > 0 && !s.hasBest()) {
            throw new IllegalArgumentException("best/" + TrainingLoop.CHECKPOINT + ".index is missing");
        }
        return s;
    }

    /**
     * Settings added after training states were first written, with the value every earlier run had: a state saved
     * without one of them resumes when the setting now has that value.
     */
    private static final Map<String, String> LATER_SETTINGS = Map.of("config.model.init", "glorot");

    private void requireSameFingerprint(Path folder, JsonNode saved) {
        Map<String, String> old = new TreeMap<>();
        saved.fields().forEachRemaining(e -> old.put(e.getKey(), e.getValue().asText()));
        LATER_SETTINGS.forEach(old::putIfAbsent);
        Map<String, String> now = new TreeMap<>(fingerprint);
        List<String> diffs = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        old.keySet().forEach(k -> keys.put(k, true));
        now.keySet().forEach(k -> keys.put(k, true));
        for (String k : keys.keySet()) {
            String a = old.get(k);
            String b = now.get(k);
            if (a == null || !a.equals(b)) {
                diffs.add(k + " (saved " + shortValue(a) + ", now " + shortValue(b) + ")");
            }
        }
        if (!diffs.isEmpty()) {
            throw new IllegalStateException("the training state in " + folder + " belongs to a different run: "
                    + String.join("; ", diffs) + ". Resume with the same settings, or start over: delete "
                    + dir + " (`unate train --fresh`), or write to another output folder.");
        }
    }

    private static String shortValue(String v) {
        if (v == null) {
            return "absent";
        }
        return v.length() <= 60 ? "'" + v + "'" : "'" + v.substring(0, 57) + "...'";
    }

    /**
     * Commits the snapshot after {@code epoch}: the model's variables (unless finished), the best checkpoint, the
     * history and the counters; then removes every older snapshot.
     *
     * @param improved   whether this epoch is the new best (the current variables are the best ones)
     * @param stopReason null if training goes on; else the run is finished and only the best weights are kept
     * @param elapsed    supplies the training seconds so far, read after the checkpoints are written
     */
    void commit(TrainingLoop.Task model, int epoch, List<EpochRecord> rows, int bestEpoch, double bestValMae,
                int sinceBest, boolean improved, String stopReason, java.util.function.DoubleSupplier elapsed) {
        String name = String.format(Locale.ROOT, "epoch-%06d", epoch);
        Path partial = dir.resolve(name + PARTIAL);
        Path target = dir.resolve(name);
        boolean finished = stopReason != null;
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            if (!finished) {
                model.saveCheckpoint(partial.resolve("vars"));
            }
            Path best = partial.resolve("best");
            if (improved) {
                if (finished) {
                    model.saveCheckpoint(best);
                } else {
                    linkAll(partial.resolve("vars"), best);
                }
            } else if (current != null && Files.isRegularFile(current.resolve("best").resolve(TrainingLoop.CHECKPOINT + ".index"))) {
                linkAll(current.resolve("best"), best);
            }
            Files.writeString(partial.resolve("history.csv"), new TrainingHistory(rows, bestEpoch, "").toCsv());
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("epoch", epoch);
            root.put("elapsed_s", elapsed.getAsDouble());
            root.put("best_epoch", bestEpoch);
            root.put("best_val_mae", Double.toString(bestValMae));
            root.put("since_best", sinceBest);
            root.put("finished", finished);
            if (finished) {
                root.put("stop_reason", stopReason);
            }
            ObjectNode files = root.putObject("files");
            try (Stream<Path> s = Files.walk(partial)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(partial.relativize(p).toString().replace('\\', '/'), Files.size(p));
                }
            }
            ObjectNode fp = root.putObject("fingerprint");
            new TreeMap<>(fingerprint).forEach(fp::put);
            Files.write(partial.resolve("state.json"), JSON.writeValueAsBytes(root));
            forceTree(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            forceDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training state " + target + ": " + e.getMessage(), e);
        }
        current = target;
        for (Path p : snapshotFolders(dir)) {
            if (!p.equals(target)) {
                deleteTree(p);
            }
        }
    }

    /** The best checkpoint folder of the newest snapshot, if it has one. */
    Optional<Path> bestCheckpoint() {
        if (current == null) {
            return Optional.empty();
        }
        Path best = current.resolve("best");
        return Files.isRegularFile(best.resolve(TrainingLoop.CHECKPOINT + ".index")) ? Optional.of(best) : Optional.empty();
    }

    /** Deletes every snapshot (after an unusable one could not be restored). */
    void discardAll() {
        for (Path p : snapshotFolders(dir)) {
            deleteTree(p);
        }
        current = null;
    }

    /** Hard-links (or, where links are not possible, copies) every file of {@code from} into {@code to}. */
    private static void linkAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path dest = to.resolve(f.getFileName().toString());
                try {
                    Files.createLink(dest, f);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Forces every file and folder under {@code root} to the storage device. */
    private static void forceTree(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
                    c.force(true);
                }
            } else {
                forceDir(p);
            }
        }
    }

    private static void forceDir(Path d) {
        try (FileChannel c = FileChannel.open(d, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a folder; the rename is still atomic there
        }
    }

    /** Deletes a file tree; missing is fine. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- fingerprint

    /**
     * The fields of a JSON document (a task's config) as flat fingerprint entries {@code prefix.field.subfield} ->
     * value, added to {@code out}.
     */
    public static void addConfig(String prefix, String json, Map<String, String> out) {
        try {
            flatten(prefix, JSON.readTree(json), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isValueNode() || node.isNull()) {
            out.put(prefix, node.asText());
        } else {
            out.put(prefix, node.toString());
        }
    }

    /** SHA-256 of every vector of a table, by atomic number. */
    public static String tableDigest(AtomEmbeddings t) {
        MessageDigest md = sha256();
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * t.dim());
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (t.has(z)) {
                b.clear();
                b.putInt(z).putInt(t.dim());
                for (float x : t.vector(z)) {
                    b.putFloat(x);
                }
                md.update(b.array(), 0, b.position());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of the graphs and targets, in order (big-endian ints and IEEE doubles, one block per crystal). */
    public static String dataDigest(List<CrystalGraph> graphs, double[] y) {
        MessageDigest md = sha256();
        ByteBuffer b = ByteBuffer.allocate(1 << 12);
        for (int k = 0; k < graphs.size(); k++) {
            CrystalGraph g = graphs.get(k);
            md.update(g.id().getBytes(StandardCharsets.UTF_8));
            int nodes = g.numNodes();
            int edges = g.numEdges();
            int size = 4 + 8 + 4 + 4 + 4 * nodes + 4 * (2 + 3) * edges + 8 * (1 + 3) * edges;
            if (b.capacity() < size) {
                b = ByteBuffer.allocate(Math.max(size, 2 * b.capacity()));
            }
            b.clear();
            b.putInt(0).putLong(Double.doubleToLongBits(y[k])).putInt(nodes).putInt(edges);
            b.asIntBuffer().put(g.atomicNumbers()).put(g.source()).put(g.destination()).put(g.image());
            b.position(b.position() + 4 * (nodes + 5 * edges));
            b.asDoubleBuffer().put(g.distance()).put(g.vector());
            b.position(b.position() + 8 * 4 * edges);
            md.update(b.array(), 0, b.position());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
