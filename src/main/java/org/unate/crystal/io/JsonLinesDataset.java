package org.unate.crystal.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * JSON Lines dataset: one JSON object per line, optionally gzip'd ({@code .gz}). Defaults fit the shared JARVIS file:
 * id field {@code id}, structure field {@code cif}, labels {@link DatasetOptions#JARVIS_JSONL_LABELS}.
 *
 * <p>The structure field holds a CIF text (read with {@link CifReader}: first block with sites), or a JSON object (a
 * pymatgen {@code Structure.as_dict()} or JARVIS {@code atoms} dict). A record's number is its 1-based line number in
 * the (decompressed) file; blank lines are passed over. In error messages the line is the line within the CIF text.
 */
final class JsonLinesDataset extends AbstractDataset<JsonLinesDataset.Raw> {
    record Raw(long lineNumber, String text) {
    }

    private final Io.LineReader reader;
    private final String idField;
    private final String structureField;
    private final List<String> labels;
    private final CifReader cif;
    private long lineNumber;

    JsonLinesDataset(Path path, DatasetOptions options) {
        super(path.toString(), options);
        this.idField = options.idField() != null ? options.idField() : "id";
        this.structureField = options.structureField() != null ? options.structureField() : "cif";
        this.labels = options.labels() != null ? options.labels() : DatasetOptions.JARVIS_JSONL_LABELS;
        this.cif = new CifReader(options.structure());
        try {
            this.reader = new Io.LineReader(Io.open(path));
        } catch (IOException e) {
            throw Io.io(path, e);
        }
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.JSON_LINES;
    }

    @Override
    protected Raw nextRaw() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                return new Raw(lineNumber, line);
            }
        }
        return null;
    }

    @Override
    protected long recordNumber(Raw raw) {
        return raw.lineNumber();
    }

    @Override
    protected String rawId(Raw raw) {
        return null;
    }

    @Override
    protected long nextRecordNumber() {
        return lineNumber + 1;
    }

    @Override
    protected CrystalRecord parse(Raw raw, Consumer<ReadWarning> warnings) {
        JsonNode node;
        try {
            node = JsonStructureReader.MAPPER.readTree(raw.text());
        } catch (JsonProcessingException e) {
            throw new CrystalParseException(Reason.SYNTAX, null, 0, null, 0, "expected one JSON object on the line: "
                    + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new CrystalParseException(Reason.SYNTAX, 0, "expected one JSON object on the line, got "
                    + Text.clip(raw.text()));
        }
        String id = jsonId(node, idField);
        try {
            JsonNode s = node.get(structureField);
            Structure structure;
            if (s == null || s.isNull()) {
                throw new CrystalParseException(Reason.MISSING_FIELD, 0, "expected a structure in field '"
                        + structureField + "', found none");
            } else if (s.isTextual()) {
                structure = cif.parse(s.asText(), null, warnings);
            } else if (s.isObject()) {
                structure = JsonStructureReader.fromTree(s, options.structure(), warnings);
            } else {
                throw new CrystalParseException(Reason.BAD_VALUE, 0, "expected a CIF string or a structure object in"
                        + " field '" + structureField + "', got " + Text.clip(s.toString()));
            }
            Map<String, Double> l = jsonLabels(node, labels, idField);
            return new CrystalRecord(id, structure, l);
        } catch (CrystalParseException e) {
            throw e.inRecord(null, 0, id);
        }
    }

    @Override
    protected Set<String> labelFields(Raw raw) {
        try {
            return jsonLabelFields(JsonStructureReader.MAPPER.readTree(raw.text()), idField, structureField);
        } catch (JsonProcessingException e) {
            return Set.of();
        }
    }

    @Override
    protected void closeSource() throws IOException {
        reader.close();
    }
}
