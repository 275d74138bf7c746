package org.unate.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset that {@link DataFetcher} could neither copy from a mirror nor download. The message says what is missing,
 * every way that was tried and why it failed (the mirror folder looked at, the URL and the network error), and how
 * to point {@code UNATE_DATA_MIRROR} at a copy.
 */
public final class DatasetUnavailableException extends IOException {
    private final String dataset;
    private final List<String> tried;
    private final String mirrorFile;
    private final String hint;

    DatasetUnavailableException(String dataset, Path rawDir, String missing, List<String> tried, String mirrorFile,
                                String hint, Throwable cause) {
        super("dataset '" + dataset + "' is missing: no " + missing + " in " + rawDir + ". Tried: "
                + String.join("; ", tried) + ". " + hint, cause);
        this.dataset = dataset;
        this.tried = List.copyOf(tried);
        this.mirrorFile = mirrorFile;
        this.hint = hint;
    }

    public String dataset() {
        return dataset;
    }

    /** Each way that was tried, with why it failed, e.g. {@code download of URL failed: ...}. */
    public List<String> tried() {
        return tried;
    }

    /** The file a mirror folder should hold for this dataset (relative to the folder), or null when it has none. */
    public String mirrorFile() {
        return mirrorFile;
    }

    /** What to do about it. */
    public String hint() {
        return hint;
    }

    /** The message without the hint: what was tried and why it failed, on one line. */
    public String reason() {
        return String.join("; ", tried);
    }
}
