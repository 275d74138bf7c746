package org.unate.crystal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * The official JARVIS {@code dft_3d} file: a JSON array of objects, as jarvis-tools downloads it
 * ({@code jdft_3d-8-18-2021.json.zip}: a zip holding one {@code .json}), plain or gzip'd. Read with Jackson's
 * streaming parser: one array element at a time becomes a tree, so memory holds a window of records, not the list.
 *
 * <p>Per element: id {@code jid}, structure {@code atoms} (a JARVIS atoms dict: {@code lattice_mat}, {@code coords},
 * {@code elements}, {@code cartesian}; see {@link JsonStructureReader}), labels {@link DatasetOptions#JARVIS_DFT3D_LABELS}
 * where the string {@code "na"} and null mean missing. A record's number is its 1-based position in the array; the
 * line in messages is the line of the element's start in the JSON text. Malformed JSON ends reading (the array cannot
 * be resynchronised) with a SYNTAX error in both modes.
 */
final class JarvisJsonDataset extends AbstractDataset<JarvisJsonDataset.Raw> {
    record Raw(long index, int line, JsonNode node) {
    }

    private final InputStream in;
    private final JsonParser parser;
    private final String idField;
    private final String structureField;
    private final List<String> labels;
    private long index;
    private boolean ended;
    private boolean inElement;

    JarvisJsonDataset(Path path, DatasetOptions options) {
        super(path.toString(), options);
        this.idField = options.idField() != null ? options.idField() : "jid";
        this.structureField = options.structureField() != null ? options.structureField() : "atoms";
        this.labels = options.labels() != null ? options.labels() : DatasetOptions.JARVIS_DFT3D_LABELS;
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            InputStream raw = Io.open(path);
            if (name.endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(raw);
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null && (e.isDirectory()
                        || !e.getName().toLowerCase(Locale.ROOT).endsWith(".json"))) {
                    // look for the first .json entry
                }
                if (e == null) {
                    zip.close();
                    throw new CrystalParseException(Reason.IO, path.toString(), 0, null, 0,
                            "expected a .json entry in the zip, found none", null);
                }
                in = zip;
            } else {
                in = raw;
            }
            parser = JsonStructureReader.MAPPER.getFactory().createParser(in);
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw new CrystalParseException(Reason.SYNTAX, path.toString(), 0, null, line(),
                        "expected a JSON array of records, got " + (t == null ? "an empty file" : t.asString() == null
                        ? t.toString() : "'" + t.asString() + "'"), null);
            }
        } catch (JsonProcessingException e) {
            throw syntax(e, 0);
        } catch (IOException e) {
            throw Io.io(path, e);
        }
    }

    private int line() {
        return parser == null ? 0 : parser.currentLocation().getLineNr();
    }

    private CrystalParseException syntax(JsonProcessingException e, long recordNumber) {
        int ln = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new CrystalParseException(Reason.SYNTAX, source, recordNumber, null, Math.max(ln, 0),
                "expected a JSON array of record objects: " + e.getOriginalMessage(), e);
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.JARVIS_JSON;
    }

    @Override
    protected Raw nextRaw() throws IOException {
        if (ended) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                ended = true;
                JsonToken after = parser.nextToken();
                if (after != null) {
                    throw new CrystalParseException(Reason.SYNTAX, source, 0, null, line(),
                            "expected the end of the file after the array, got more JSON", null);
                }
                return null;
            }
            if (t == null) {
                throw new CrystalParseException(Reason.SYNTAX, source, index + 1, null, line(),
                        "expected ',' or ']': the JSON array breaks off after " + index + " records", null);
            }
            index++;
            inElement = true;
            int line = parser.currentTokenLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            return new Raw(index, line, node);
        } catch (JsonProcessingException e) {
            // the element being read, or the one whose separator broke
            throw syntax(e, index + (inElement ? 0 : 1));
        } catch (IOException e) {
            // the file itself breaks off (a truncated .gz or .zip): the element being read, or the next one
            long at = index + (inElement ? 0 : 1);
            throw new CrystalParseException(Reason.IO, source, at, null, line(), "cannot read on from record " + at
                    + ": " + e, e);
        } finally {
            inElement = false;
        }
    }

    @Override
    protected long recordNumber(Raw raw) {
        return raw.index();
    }

    @Override
    protected String rawId(Raw raw) {
        return null;
    }

    @Override
    protected long nextRecordNumber() {
        return index + 1;
    }

    @Override
    protected CrystalRecord parse(Raw raw, Consumer<ReadWarning> warnings) {
        JsonNode node = raw.node();
        if (node == null || !node.isObject()) {
            throw new CrystalParseException(Reason.BAD_VALUE, raw.line(), "expected a record object, got "
                    + (node == null ? "nothing" : Text.clip(node.toString())));
        }
        String id;
        try {
            id = jsonId(node, idField);
        } catch (CrystalParseException e) {
            throw new CrystalParseException(e.reason(), null, 0, null, raw.line(), e.detail(), null);
        }
        try {
            JsonNode atoms = node.get(structureField);
            if (atoms == null || !atoms.isObject()) {
                throw new CrystalParseException(Reason.MISSING_FIELD, 0, "expected a structure object in field '"
                        + structureField + "'");
            }
            Structure s;
            try {
                s = JsonStructureReader.fromTree(atoms, options.structure(), warnings);
            } catch (CrystalParseException e) {
                throw new CrystalParseException(e.reason(), null, 0, null, 0, structureField + ": " + e.detail(),
                        e.getCause());
            }
            Map<String, Double> l = jsonLabels(node, labels, idField);
            return new CrystalRecord(id, s, l);
        } catch (CrystalParseException e) {
            CrystalParseException withLine = e.line() > 0 ? e
                    : new CrystalParseException(e.reason(), e.source(), e.recordNumber(), e.recordId(), raw.line(),
                            e.detail(), e.getCause());
            throw withLine.inRecord(null, 0, id);
        }
    }

    @Override
    protected Set<String> labelFields(Raw raw) {
        return jsonLabelFields(raw.node(), idField, structureField);
    }

    @Override
    protected void closeSource() throws IOException {
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            in.close();
        }
    }
}
