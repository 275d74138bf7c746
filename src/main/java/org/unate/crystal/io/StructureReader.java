package org.unate.crystal.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * One entry point for single-structure files: picks the reader from the file name, then from the content.
 *
 * <p>By name (case-insensitive; a trailing {@code .gz} is unpacked and looked through): {@code *.cif} is CIF;
 * {@code POSCAR*}, {@code CONTCAR*}, {@code *.vasp}, {@code *.poscar} are POSCAR; {@code *.json} is JSON (pymatgen or
 * JARVIS, by keys); {@code *.xyz}, {@code *.extxyz} are extended XYZ. Any other name is decided by content: a line
 * starting with {@code data_} means CIF, a first non-blank character {@code {} JSON, a count line followed by a line
 * containing {@code Lattice=} extended XYZ, and a second line holding one or three numbers POSCAR. Otherwise the file
 * is refused with {@link Reason#UNSUPPORTED}.
 */
public final class StructureReader {
    private StructureReader() {
    }

    /** Read with {@link ReadOptions#DEFAULT}. @throws CrystalParseException on any bad input */
    public static Structure read(Path file) {
        return read(file, ReadOptions.DEFAULT);
    }

    /** Read with the given options; warnings go to {@link ReadWarning#LOG}. @throws CrystalParseException on any
     *  bad input */
    public static Structure read(Path file, ReadOptions options) {
        return read(file, options, ReadWarning.LOG);
    }

    /**
     * Read with the given options, reporting to {@code warnings} what was read by a convention (CIF labels, space
     * groups named without operators) or changed by the occupancy policy.
     *
     * @throws CrystalParseException on any bad input
     */
    public static Structure read(Path file, ReadOptions options, Consumer<ReadWarning> warnings) {
        String text = Io.readText(file);
        StructureFormat f = detect(file.getFileName() == null ? "" : file.getFileName().toString(), text)
                .orElseThrow(() -> new CrystalParseException(Reason.UNSUPPORTED, file.toString(), 0, null, 0,
                        "cannot tell the format from the name or the content; expected a .cif, POSCAR/CONTCAR/.vasp,"
                                + " .json or .xyz/.extxyz file", null));
        return parse(text, f, file.toString(), options, warnings);
    }

    /** Parse a text in a known format; warnings go to {@link ReadWarning#LOG}. @param source name for messages;
     *  may be null */
    public static Structure parse(String text, StructureFormat format, String source, ReadOptions options) {
        return parse(text, format, source, options, ReadWarning.LOG);
    }

    /** Parse a text in a known format, reporting warnings to {@code warnings}. @param source name for messages;
     *  may be null */
    public static Structure parse(String text, StructureFormat format, String source, ReadOptions options,
                                  Consumer<ReadWarning> warnings) {
        return switch (format) {
            case CIF -> new CifReader(options).parse(text, source, warnings);
            case POSCAR -> PoscarReader.parse(text, source);
            case JSON -> JsonStructureReader.parse(text, source, options, warnings);
            case EXTXYZ -> ExtXyzReader.parse(text, source);
        };
    }

    /** The format of a file from its name, else from its content; empty when neither tells. */
    public static Optional<StructureFormat> detect(String fileName, String content) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".cif")) {
            return Optional.of(StructureFormat.CIF);
        }
        if (name.startsWith("poscar") || name.startsWith("contcar") || name.endsWith(".vasp")
                || name.endsWith(".poscar")) {
            return Optional.of(StructureFormat.POSCAR);
        }
        if (name.endsWith(".json")) {
            return Optional.of(StructureFormat.JSON);
        }
        if (name.endsWith(".xyz") || name.endsWith(".extxyz")) {
            return Optional.of(StructureFormat.EXTXYZ);
        }
        return byContent(content);
    }

    static Optional<StructureFormat> byContent(String content) {
        String[] lines = content.split("\r\n|\n|\r", 8);
        for (String l : lines) {
            if (l.stripLeading().regionMatches(true, 0, "data_", 0, 5)) {
                return Optional.of(StructureFormat.CIF);
            }
        }
        if (content.regionMatches(true, 0, "data_", 0, 5) || content.toLowerCase(Locale.ROOT).contains("\ndata_")) {
            return Optional.of(StructureFormat.CIF);
        }
        String t = content.stripLeading();
        if (t.startsWith("{")) {
            return Optional.of(StructureFormat.JSON);
        }
        if (lines.length >= 2) {
            List<String> first = Text.tokens(lines[0]);
            if (first.size() == 1 && first.get(0).chars().allMatch(Character::isDigit) && lines[1].contains("Lattice=")) {
                return Optional.of(StructureFormat.EXTXYZ);
            }
            List<String> second = Text.tokens(lines[1]);
            if ((second.size() == 1 || second.size() == 3)
                    && second.stream().allMatch(s -> Double.isFinite(Numbers.decimalOrNaN(s)))) {
                return Optional.of(StructureFormat.POSCAR);
            }
        }
        return Optional.empty();
    }
}
