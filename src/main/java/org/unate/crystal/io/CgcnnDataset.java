package org.unate.crystal.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * CGCNN's folder layout: {@code id_prop.csv} with rows {@code id,value[,...]} (no header) and one {@code <id>.cif} per
 * row. The label is the csv's second column, named {@code target} unless {@link DatasetOptions#labels()} gives one
 * name. A record's number is its line in {@code id_prop.csv}; blank lines are passed over; extra columns are ignored.
 * A row whose CIF is missing or bad, or whose value is not a number, is a bad record.
 */
final class CgcnnDataset extends AbstractDataset<CgcnnDataset.Raw> {
    static final String ID_PROP = "id_prop.csv";

    record Raw(long lineNumber, String id, String value) {
    }

    private final Path dir;
    private final BufferedReader csv;
    private final String labelName;
    private final CifReader cif;
    private long lineNumber;

    CgcnnDataset(Path dir, DatasetOptions options) {
        super(dir.toString(), options);
        this.dir = dir;
        List<String> l = options.labels();
        if (l != null && (l.size() != 1 || l.equals(DatasetOptions.ALL_NUMERIC))) {
            throw new IllegalArgumentException("a CGCNN folder has one label column; give one label name, got " + l);
        }
        this.labelName = l == null ? "target" : l.get(0);
        this.cif = new CifReader(options.structure());
        Path csvPath = dir.resolve(ID_PROP);
        try {
            this.csv = Files.newBufferedReader(csvPath, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Io.io(csvPath, e);
        }
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.CGCNN_FOLDER;
    }

    @Override
    protected Raw nextRaw() throws IOException {
        String line;
        while ((line = csv.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String id = f[0].trim();
            return new Raw(lineNumber, id.isEmpty() ? null : id, f.length > 1 ? f[1].trim() : null);
        }
        return null;
    }

    @Override
    protected long recordNumber(Raw raw) {
        return raw.lineNumber();
    }

    @Override
    protected String rawId(Raw raw) {
        return raw.id();
    }

    @Override
    protected long nextRecordNumber() {
        return lineNumber + 1;
    }

    @Override
    protected CrystalRecord parse(Raw raw, Consumer<ReadWarning> warnings) {
        String where = ID_PROP + " line " + raw.lineNumber();
        if (raw.id() == null) {
            throw new CrystalParseException(Reason.MISSING_FIELD, 0, where + ": expected an id in the first column");
        }
        if (raw.value() == null || raw.value().isEmpty()) {
            throw new CrystalParseException(Reason.MISSING_FIELD, 0, where + ": expected a value in the second column");
        }
        double v = Numbers.decimalOrNaN(raw.value());
        if (!Double.isFinite(v)) {
            throw new CrystalParseException(Reason.BAD_NUMBER, 0, where + ": expected a finite number in the second"
                    + " column, got '" + Text.clip(raw.value()) + "'");
        }
        if (raw.id().contains("/") || raw.id().contains("\\") || raw.id().equals("..")) {
            throw new CrystalParseException(Reason.BAD_VALUE, 0, where + ": expected a file stem as id, got '"
                    + Text.clip(raw.id()) + "'");
        }
        Path file = dir.resolve(raw.id() + ".cif");
        Structure s = cif.read(file, warnings);
        return new CrystalRecord(raw.id(), s, Map.of(labelName, v));
    }

    @Override
    protected Set<String> labelFields(Raw raw) {
        return Set.of(labelName);
    }

    @Override
    protected void closeSource() throws IOException {
        csv.close();
    }
}
