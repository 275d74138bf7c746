package org.unate.crystal.io;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Something a reader did that changes the crystal from what the file says, or a reading it had to choose: a structure
 * was returned, but the caller should know. Examples: an occupancy policy that changed the composition
 * ({@code MAJORITY} keeping both halves of a split Fe site, so that Fe2O3 comes back as Fe4O3), a CIF label read as an
 * element by a convention rather than by the CIF rule ({@code Wat5} read as O).
 *
 * <p>Located like {@link CrystalParseException}: {@link #message()} reads
 * <pre>data.jsonl.gz record 12 (id "x") line 17: site 'Wat5': ...</pre>
 * leaving out the parts that are unknown. Readers report warnings to a {@code Consumer<ReadWarning>} given by the
 * caller; the overloads without one send them to {@link #LOG}, datasets to their {@link ReadReport}.
 *
 * @param source       file or dataset path, null when unknown
 * @param recordNumber 1-based record in a dataset, 0 outside datasets
 * @param recordId     record id, null when unknown
 * @param line         1-based line of the text read, 0 when unknown
 * @param detail       what was read and how
 */
public record ReadWarning(String source, long recordNumber, String recordId, int line, String detail) {
    /** Writes each warning to the {@code System.Logger} named {@code org.unate.crystal.io} at level WARNING. */
    public static final Consumer<ReadWarning> LOG = w -> System.getLogger("org.unate.crystal.io")
            .log(System.Logger.Level.WARNING, w.message());

    public ReadWarning {
        Objects.requireNonNull(detail, "detail");
    }

    /** A warning at a line of an unnamed text (the reader adds the source when it knows it). */
    static ReadWarning at(int line, String detail) {
        return new ReadWarning(null, 0, null, line, detail);
    }

    /** The same warning, located in a file or dataset; fields already set are kept. */
    public ReadWarning inSource(String newSource) {
        return source != null || newSource == null ? this
                : new ReadWarning(newSource, recordNumber, recordId, line, detail);
    }

    /** The same warning, located at a record of a dataset; fields already set are kept. */
    public ReadWarning inRecord(String newSource, long newRecordNumber, String newRecordId) {
        return new ReadWarning(source != null ? source : newSource, recordNumber != 0 ? recordNumber : newRecordNumber,
                recordId != null ? recordId : newRecordId, line, detail);
    }

    /** Location prefix, e.g. {@code data.jsonl.gz record 12 (id "x") line 17}; empty when nothing is known. */
    public String location() {
        return CrystalParseException.location(source, recordNumber, recordId, line);
    }

    /** Location and detail. */
    public String message() {
        String loc = location();
        return loc.isEmpty() ? detail : loc + ": " + detail;
    }

    /** A sink that adds the source to every warning before passing it on. */
    static Consumer<ReadWarning> inSource(Consumer<ReadWarning> sink, String source) {
        Objects.requireNonNull(sink, "warnings");
        return source == null ? sink : w -> sink.accept(w.inSource(source));
    }
}
