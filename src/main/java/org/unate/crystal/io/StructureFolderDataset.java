package org.unate.crystal.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;

/**
 * A folder of structure files without labels: every regular file directly inside it whose name says it is a
 * structure ({@code *.cif}, {@code POSCAR*}, {@code CONTCAR*}, {@code *.vasp}, {@code *.poscar}, {@code *.json},
 * {@code *.xyz}, {@code *.extxyz}, each optionally {@code .gz}), read with {@link StructureReader}. Files are taken in
 * order of name (so every run reads the same records in the same order); hidden files and files of other names (a
 * README, a CSV) are passed over and not counted. A record's id is its file name without the structure extension
 * (and {@code .gz}); its number is its position in that order, from 1. What pretraining on one's own crystals needs:
 * structures, no labels.
 */
final class StructureFolderDataset extends AbstractDataset<StructureFolderDataset.Raw> {
    record Raw(long number, Path file, String id) {
    }

    private final Iterator<Path> files;
    private final ReadOptions readOptions;
    private long number;

    StructureFolderDataset(Path dir, DatasetOptions options) {
        super(dir.toString(), options);
        List<String> l = options.labels();
        if (l != null && !l.isEmpty() && !l.equals(DatasetOptions.ALL_NUMERIC)) {
            throw new IllegalArgumentException("a folder of structure files has no labels, got label names " + l
                    + "; for labels use a CGCNN folder (id_prop.csv) or JSON Lines (docs/formats.md)");
        }
        this.files = structureFiles(dir).iterator();
        this.readOptions = options.structure();
    }

    /** The structure files of {@code dir} in order of name (see the class comment). */
    static List<Path> structureFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> id(p.getFileName().toString()) != null).sorted().forEach(out::add);
        } catch (IOException e) {
            throw Io.io(dir, e);
        }
        return out;
    }

    /** The record id of a structure file name, or null when the name is not one of a structure file. */
    static String id(String fileName) {
        String name = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("poscar") || lower.startsWith("contcar")) {
            return name;
        }
        for (String ext : new String[] {".cif", ".vasp", ".poscar", ".json", ".xyz", ".extxyz"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return null;
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.STRUCTURE_FOLDER;
    }

    @Override
    protected Raw nextRaw() {
        if (!files.hasNext()) {
            return null;
        }
        Path f = files.next();
        number++;
        return new Raw(number, f, id(f.getFileName().toString()));
    }

    @Override
    protected long recordNumber(Raw raw) {
        return raw.number();
    }

    @Override
    protected String rawId(Raw raw) {
        return raw.id();
    }

    @Override
    protected long nextRecordNumber() {
        return number + 1;
    }

    @Override
    protected CrystalRecord parse(Raw raw, Consumer<ReadWarning> warnings) {
        Structure s = StructureReader.read(raw.file(), readOptions, warnings);
        return new CrystalRecord(raw.id(), s, Map.of());
    }

    @Override
    protected Set<String> labelFields(Raw raw) {
        return Set.of();
    }

    @Override
    protected void closeSource() {
    }
}
