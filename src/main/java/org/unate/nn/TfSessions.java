package org.unate.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions with explicit thread settings, checkpoints and SavedModel export.
 * <p>Threads: {@code intraOp} is the size of the pool one kernel (a matrix product, a gather) splits its work over;
 * {@code interOp} the number of kernels run at once. Both are set on every session this class makes, with
 * per-session thread pools, so that two sessions in one JVM do not share the pool of whichever came first.
 */
public final class TfSessions {
    private TfSessions() {
    }

    /** A session configuration with the given thread counts (each at least 1). */
    public static ConfigProto config(int intraOpThreads, int interOpThreads) {
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1, got intra " + intraOpThreads
                    + ", inter " + interOpThreads);
        }
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setUsePerSessionThreads(true)
                .build();
    }

    /** A session on {@code graph} with the given thread counts; variables not yet initialised. */
    public static Session open(Graph graph, int intraOpThreads, int interOpThreads) {
        return new Session(graph, config(intraOpThreads, interOpThreads));
    }

    /**
     * Saves every variable of the session's graph as a TensorFlow checkpoint with prefix {@code dir/name}
     * (files {@code name.index}, {@code name.data-*}); creates {@code dir}.
     */
    public static void saveCheckpoint(Session session, Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint folder " + dir, e);
        }
        session.save(dir.resolve(name).toString());
    }

    /** Restores every variable from the checkpoint with prefix {@code dir/name}; the graph must match. */
    public static void restoreCheckpoint(Session session, Path dir, String name) {
        if (!Files.exists(dir.resolve(name + ".index"))) {
            throw new IllegalArgumentException("no checkpoint " + dir.resolve(name) + " (expected " + name + ".index)");
        }
        session.restore(dir.resolve(name).toString());
    }

    /** Writes a SavedModel (tag "serve") holding the session's graph, variables and the given signatures. */
    public static void exportSavedModel(Session session, Path dir, Signature... signatures) {
        try {
            SavedModelBundle.exporter(dir.toString()).withSession(session).withSignatures(signatures).export();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export SavedModel to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads a SavedModel written by {@link #exportSavedModel}, with the given thread counts. */
    public static SavedModelBundle loadSavedModel(Path dir, int intraOpThreads, int interOpThreads) {
        return SavedModelBundle.loader(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
                .withConfigProto(config(intraOpThreads, interOpThreads)).load();
    }
}
