package org.unate.crystal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * A streamed collection of {@link CrystalRecord}s read from a dataset file or folder.
 *
 * <p>Records are read lazily, in file order, holding only a bounded window of records in memory (never the whole
 * text); with {@link DatasetOptions#threads()} above 1 records are parsed on worker threads and still returned in
 * file order. A dataset is read once: {@link #iterator()} or {@link #stream()} may be called a single time. Bad
 * records are skipped and counted in {@link #report()} unless {@link DatasetOptions#strict()} is set. A failure of the
 * container itself (unreadable file, a JSON array that breaks off) ends reading with a {@link CrystalParseException}
 * in both modes, since nothing after it can be trusted.
 *
 * <pre>{@code
 * try (CrystalDataset d = CrystalDataset.open(Path.of("jarvis-dft3d-2021.jsonl.gz"), DatasetOptions.DEFAULT.parallel())) {
 *     d.stream().forEach(r -> ...);
 *     System.out.print(d.report().summary());
 * }
 * }</pre>
 */
public interface CrystalDataset extends Iterable<CrystalRecord>, AutoCloseable {

    /** The layout being read. */
    DatasetFormat format();

    /** The path being read, as given. */
    String source();

    /**
     * The records in file order; callable once.
     *
     * @throws IllegalStateException on a second call
     */
    @Override
    Iterator<CrystalRecord> iterator();

    /** The records as a sequential, ordered stream; closing the stream closes the dataset. Callable once. */
    default Stream<CrystalRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** What has been read and skipped so far; complete once the records are exhausted or the dataset closed. */
    ReadReport report();

    /** Release the file and worker threads. Idempotent. */
    @Override
    void close();

    /** Open with {@link DatasetOptions#DEFAULT}, detecting the format. */
    static CrystalDataset open(Path path) {
        return open(path, DatasetOptions.DEFAULT);
    }

    /**
     * Open, detecting the format ({@link #detect(Path)}).
     *
     * @throws CrystalParseException (IO or UNSUPPORTED) when the path cannot be read or its format is unknown
     */
    static CrystalDataset open(Path path, DatasetOptions options) {
        return open(path, detect(path), options);
    }

    /** Open in a given format. */
    static CrystalDataset open(Path path, DatasetFormat format, DatasetOptions options) {
        return switch (format) {
            case JSON_LINES -> new JsonLinesDataset(path, options);
            case CGCNN_FOLDER -> new CgcnnDataset(path, options);
            case JARVIS_JSON -> new JarvisJsonDataset(path, options);
            case STRUCTURE_FOLDER -> new StructureFolderDataset(path, options);
        };
    }

    /**
     * The fields of a dataset that can hold a label, in order of appearance in its first {@code records} records:
     * in JSON formats, the top-level fields holding a number, a number in a string, null or {@code "na"} (the id and
     * structure fields excepted); in a CGCNN folder, the label column. Only the raw records are read (no structure
     * is parsed), so this takes milliseconds: a check of a label name before a long read.
     *
     * @throws CrystalParseException (IO or UNSUPPORTED) when the path cannot be read or fits no format
     */
    static java.util.Set<String> labelFields(Path path, DatasetOptions options, int records) {
        try (CrystalDataset d = open(path, options)) {
            return d instanceof AbstractDataset<?> a ? a.peekLabelFields(records) : java.util.Set.of();
        }
    }

    /** The id field of a dataset as read with these options ({@code id}, {@code jid}; null for CGCNN folders). */
    static String idField(Path path, DatasetOptions options) {
        if (options.idField() != null) {
            return options.idField();
        }
        return switch (detect(path)) {
            case JSON_LINES -> "id";
            case JARVIS_JSON -> "jid";
            case CGCNN_FOLDER, STRUCTURE_FOLDER -> null;
        };
    }

    /**
     * The format of a dataset path: a folder with {@code id_prop.csv} is CGCNN, any other folder with structure files a
     * folder of structures; {@code *.jsonl}, {@code *.ndjson}
     * (optionally {@code .gz}) JSON Lines; {@code *.zip} JARVIS JSON; {@code *.json} / {@code *.json.gz} JARVIS JSON
     * when the first non-blank character is {@code [}, JSON Lines when it is <code>{</code>.
     *
     * @throws CrystalParseException (IO or UNSUPPORTED) when the path cannot be read or fits no format
     */
    static DatasetFormat detect(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(CgcnnDataset.ID_PROP))) {
                return DatasetFormat.CGCNN_FOLDER;
            }
            if (!StructureFolderDataset.structureFiles(path).isEmpty()) {
                return DatasetFormat.STRUCTURE_FOLDER;
            }
            throw new CrystalParseException(Reason.UNSUPPORTED, path.toString(), 0, null, 0,
                    "expected a CGCNN folder with " + CgcnnDataset.ID_PROP + " or a folder of structure files (*.cif,"
                            + " POSCAR*, *.vasp, *.json, *.xyz), found neither", null);
        }
        if (!Files.exists(path)) {
            throw new CrystalParseException(Reason.IO, path.toString(), 0, null, 0, "cannot read: no such file", null);
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return DatasetFormat.JSON_LINES;
        }
        if (name.endsWith(".zip")) {
            return DatasetFormat.JARVIS_JSON;
        }
        if (name.endsWith(".json")) {
            try (InputStream in = Io.open(path)) {
                int c;
                do {
                    c = in.read();
                } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
                if (c == '[') {
                    return DatasetFormat.JARVIS_JSON;
                }
                if (c == '{') {
                    return DatasetFormat.JSON_LINES;
                }
            } catch (IOException e) {
                throw Io.io(path, e);
            }
        }
        throw new CrystalParseException(Reason.UNSUPPORTED, path.toString(), 0, null, 0,
                "cannot tell the dataset format; expected a CGCNN folder, .jsonl[.gz], a JARVIS .json list or .zip",
                null);
    }
}
