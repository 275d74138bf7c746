package org.unate.crystal.io;

import java.util.Objects;

/**
 * Bad crystal input: a file, a dataset record or a string that does not describe a structure this library accepts.
 *
 * <p>The exception carries where the problem is ({@link #source()}, {@link #recordNumber()}, {@link #recordId()},
 * {@link #line()}), why ({@link #reason()}), and what was expected ({@link #detail()}). Its message reads
 * <pre>data.jsonl.gz record 1234 (id "mp-1") line 17: expected 6 cell parameters, got '_cell_length_a ?'</pre>
 * leaving out the parts that are unknown. The line is the 1-based line of the text being parsed: of the file for a
 * file, of the embedded text (e.g. the record's CIF string) for a dataset record whose structure is a text field.
 *
 * <p><b>Why unchecked.</b> Readers are used inside {@link java.util.stream.Stream} pipelines, iterators and parallel
 * workers, none of which can throw checked exceptions; a checked type would be wrapped and unwrapped at every one of
 * those boundaries and lose its fields on the way. Every reader method documents it with {@code @throws}, and it is the
 * only exception they throw for bad input: malformed numbers, unknown elements, impossible lattices, truncated files
 * and I/O failures all arrive as this type (I/O failures with {@link Reason#IO} and the {@link java.io.IOException} as
 * cause), never as {@code NumberFormatException}, {@code IndexOutOfBoundsException} or {@code NullPointerException}.
 */
public class CrystalParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an input was rejected; dataset reports count skipped records per reason. */
    public enum Reason {
        /** The file could not be read (missing, unreadable, bad gzip/zip). */
        IO,
        /** The text breaks the grammar of its format (unclosed quote, stray value, bad JSON). */
        SYNTAX,
        /** A required field, tag or line is absent or given as unknown ({@code ?}, {@code .}, null). */
        MISSING_FIELD,
        /** A value that must be a finite number is not one. */
        BAD_NUMBER,
        /** A value has the wrong shape or range (negative occupancy, three counts for two species, ...). */
        BAD_VALUE,
        /** No element can be read from a symbol or label. */
        UNKNOWN_ELEMENT,
        /** The cell parameters or vectors do not form a cell. */
        BAD_LATTICE,
        /** A symmetry operator cannot be parsed, or the operators are missing where the file needs them. */
        BAD_SYMMETRY,
        /** A site is partially occupied or shared, and the occupancy policy is {@code ERROR}. */
        PARTIAL_OCCUPANCY,
        /** Two fully occupied sites coincide, or occupancies at one position add up to more than 1. */
        OVERLAPPING_SITES,
        /** The structure has no atom sites. */
        NO_SITES,
        /** A valid input that uses a feature this library does not read (Cartesian-only CIF sites, ...). */
        UNSUPPORTED,
        /** The structure was dropped on purpose by a policy (occupancy policy {@code SKIP}); not an error. */
        SKIPPED_BY_POLICY
    }

    private final Reason reason;
    private final String source;
    private final long recordNumber;
    private final String recordId;
    private final int line;
    private final String detail;

    /**
     * @param reason       why the input was rejected
     * @param source       file path or dataset name; null when parsing a bare string
     * @param recordNumber 1-based position of the record in its dataset; 0 when not reading a dataset
     * @param recordId     the record's id, null when unknown
     * @param line         1-based line, 0 when unknown
     * @param detail       what was expected and what was found
     * @param cause        underlying exception, may be null
     */
    public CrystalParseException(Reason reason, String source, long recordNumber, String recordId, int line,
            String detail, Throwable cause) {
        super(detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.source = source;
        this.recordNumber = recordNumber;
        this.recordId = recordId;
        this.line = line;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** An error at a line of an unnamed text (the reader adds the source when it knows it). */
    public CrystalParseException(Reason reason, int line, String detail) {
        this(reason, null, 0, null, line, detail, null);
    }

    /** The same error, located in a file or dataset; fields already set are kept. */
    public CrystalParseException inSource(String newSource) {
        if (source != null || newSource == null) {
            return this;
        }
        return copy(newSource, recordNumber, recordId, line);
    }

    /** The same error, located at a record of a dataset; fields already set are kept. */
    public CrystalParseException inRecord(String newSource, long newRecordNumber, String newRecordId) {
        return copy(source != null ? source : newSource, recordNumber != 0 ? recordNumber : newRecordNumber,
                recordId != null ? recordId : newRecordId, line);
    }

    private CrystalParseException copy(String s, long rn, String id, int ln) {
        CrystalParseException e = new CrystalParseException(reason, s, rn, id, ln, detail, getCause());
        e.setStackTrace(getStackTrace());
        for (Throwable t : getSuppressed()) {
            e.addSuppressed(t);
        }
        return e;
    }

    public Reason reason() {
        return reason;
    }

    /** File path or dataset name, or null. */
    public String source() {
        return source;
    }

    /** 1-based record position in a dataset, 0 when not reading a dataset. */
    public long recordNumber() {
        return recordNumber;
    }

    /** Record id, or null. */
    public String recordId() {
        return recordId;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** What was expected and what was found, without the location. */
    public String detail() {
        return detail;
    }

    /** Location prefix, e.g. {@code data.jsonl.gz record 1234 (id "mp-1") line 17}; empty when nothing is known. */
    public String location() {
        return location(source, recordNumber, recordId, line);
    }

    /** The location prefix of an error or warning; the parts that are unknown (null or 0) are left out. */
    static String location(String source, long recordNumber, String recordId, int line) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
        }
        if (recordNumber > 0) {
            b.append(b.length() > 0 ? " " : "").append("record ").append(recordNumber);
        }
        if (recordId != null) {
            b.append(b.length() > 0 ? " " : "").append("(id \"").append(recordId).append("\")");
        }
        if (line > 0) {
            b.append(b.length() > 0 ? " " : "").append("line ").append(line);
        }
        return b.toString();
    }

    @Override
    public String getMessage() {
        String loc = location();
        return loc.isEmpty() ? detail : loc + ": " + detail;
    }
}
