package org.unate.crystal.io;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * Reads structures written as JSON by pymatgen and by JARVIS.
 *
 * <h2>pymatgen {@code Structure.as_dict()}</h2>
 * <pre>{"@module": "pymatgen.core.structure", "@class": "Structure",
 *  "lattice": {"matrix": [[ax, ay, az], [bx, by, bz], [cx, cy, cz]], ...},
 *  "sites": [{"species": [{"element": "Fe", "occu": 1}], "abc": [fa, fb, fc], "xyz": [x, y, z], "label": "Fe1"}]}</pre>
 * The matrix rows are the lattice vectors in angstrom. A site's fractional coordinates are {@code abc} as written;
 * when {@code abc} is absent, {@code xyz} (Cartesian, angstrom) is converted with the lattice. {@code element} may carry
 * an oxidation state ("Fe2+", or a separate {@code oxidation_state} field, ignored). {@code occu} defaults to 1. A
 * site with several species or {@code occu} below 1 is disorder, handled by {@link ReadOptions#occupancy()}. An
 * {@code @class} other than Structure/IStructure (e.g. Molecule) is refused.
 *
 * <h2>JARVIS {@code atoms}</h2>
 * <pre>{"lattice_mat": [[...], [...], [...]], "coords": [[...], ...], "elements": ["Fe", ...], "cartesian": false}</pre>
 * {@code lattice_mat} rows are the lattice vectors (angstrom); {@code coords} are fractional when {@code cartesian} is
 * false, Cartesian angstrom when true. {@code cartesian} is required: jarvis-tools' own default is true while its
 * files usually say false, so guessing would silently misplace atoms. Other keys ({@code abc}, {@code angles},
 * {@code props}) are ignored.
 *
 * <p>Errors name the JSON path of the bad value ({@code sites[3].species[0].element}); tree-level JSON carries no line.
 */
public final class JsonStructureReader {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonStructureReader() {
    }

    /**
     * A pymatgen structure dict, a JARVIS atoms dict, or a JARVIS entry holding {@code atoms}, detected by its keys.
     *
     * @throws CrystalParseException when the file cannot be read or is not one of these
     */
    public static Structure read(Path file, ReadOptions options) {
        return parse(Io.readText(file), file.toString(), options);
    }

    /** Like {@link #read(Path, ReadOptions)} for a JSON text; warnings go to {@link ReadWarning#LOG}. */
    public static Structure parse(String json, String source, ReadOptions options) {
        return parse(json, source, options, ReadWarning.LOG);
    }

    /** Like {@link #parse(String, String, ReadOptions)}, reporting a composition changed by the policy to
     *  {@code warnings}. */
    public static Structure parse(String json, String source, ReadOptions options, Consumer<ReadWarning> warnings) {
        try {
            return fromTree(tree(json), options, ReadWarning.inSource(warnings, source));
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    static JsonNode tree(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new CrystalParseException(Reason.SYNTAX, 0, "expected a JSON value, the text is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new CrystalParseException(Reason.SYNTAX, null, 0, null, line,
                    "expected valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Dispatch on the keys of a JSON object: pymatgen dict, JARVIS atoms, or an object with an {@code atoms} dict. */
    public static Structure fromTree(JsonNode n, ReadOptions options) {
        return fromTree(n, options, ReadWarning.LOG);
    }

    /** As {@link #fromTree(JsonNode, ReadOptions)}, reporting a composition changed by the policy to
     *  {@code warnings}. */
    public static Structure fromTree(JsonNode n, ReadOptions options, Consumer<ReadWarning> warnings) {
        if (n != null && n.isObject()) {
            if (n.has("lattice") && n.has("sites")) {
                return fromPymatgen(n, options, warnings);
            }
            if (n.has("lattice_mat")) {
                return fromJarvisAtoms(n);
            }
            if (n.has("atoms") && n.get("atoms").isObject()) {
                try {
                    return fromJarvisAtoms(n.get("atoms"));
                } catch (CrystalParseException e) {
                    throw new CrystalParseException(e.reason(), null, 0, null, e.line(), "atoms: " + e.detail(),
                            e.getCause());
                }
            }
        }
        List<String> keys = new ArrayList<>();
        if (n != null && n.isObject()) {
            n.fieldNames().forEachRemaining(keys::add);
        }
        throw new CrystalParseException(Reason.UNSUPPORTED, 0, "expected a pymatgen Structure dict (lattice, sites)"
                + " or a JARVIS atoms dict (lattice_mat, coords, elements, cartesian), got "
                + (n == null ? "nothing" : n.isObject() ? "an object with keys " + Text.clip(keys.toString())
                : "a JSON " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }

    /** A pymatgen {@code Structure.as_dict()} tree. */
    public static Structure fromPymatgen(JsonNode n, ReadOptions options) {
        return fromPymatgen(n, options, ReadWarning.LOG);
    }

    /** As {@link #fromPymatgen(JsonNode, ReadOptions)}, reporting a composition changed by the policy to
     *  {@code warnings}. */
    public static Structure fromPymatgen(JsonNode n, ReadOptions options, Consumer<ReadWarning> warnings) {
        Objects.requireNonNull(options, "options");
        JsonNode cls = n.get("@class");
        if (cls != null && !(cls.asText().equals("Structure") || cls.asText().equals("IStructure"))) {
            throw new CrystalParseException(Reason.UNSUPPORTED, 0, "expected @class Structure, got '"
                    + Text.clip(cls.asText()) + "'");
        }
        JsonNode lat = n.get("lattice");
        if (lat == null || !lat.isObject()) {
            throw missing("lattice", "an object with 'matrix'");
        }
        Lattice lattice = lattice(lat.get("matrix"), "lattice.matrix");
        JsonNode sites = n.get("sites");
        if (sites == null || !sites.isArray()) {
            throw missing("sites", "an array of sites");
        }
        if (sites.isEmpty()) {
            throw new CrystalParseException(Reason.NO_SITES, 0, "expected at least one site in 'sites', got []");
        }
        List<SiteMerger.Candidate> cands = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            String where = "sites[" + i + "]";
            JsonNode s = sites.get(i);
            if (!s.isObject()) {
                throw new CrystalParseException(Reason.BAD_VALUE, 0, "expected " + where + " to be an object");
            }
            double[] f;
            if (s.has("abc")) {
                f = vector(s.get("abc"), where + ".abc");
            } else if (s.has("xyz")) {
                f = lattice.toFractional(vector(s.get("xyz"), where + ".xyz"));
            } else {
                throw missing(where + ".abc", "fractional coordinates (or xyz)");
            }
            checkFractional(f, where);
            JsonNode sp = s.get("species");
            if (sp == null || !sp.isArray() || sp.isEmpty()) {
                throw missing(where + ".species", "a non-empty array of {element, occu}");
            }
            String label = s.hasNonNull("label") ? s.get("label").asText() : null;
            for (int k = 0; k < sp.size(); k++) {
                String w = where + ".species[" + k + "]";
                JsonNode e = sp.get(k);
                if (!e.isObject() || !e.hasNonNull("element") || !e.get("element").isTextual()) {
                    throw missing(w + ".element", "an element symbol");
                }
                Element el = Text.exactSpecies(e.get("element").asText(), w + ".element", 0);
                double occ = 1.0;
                if (e.has("occu")) {
                    occ = number(e.get("occu"), w + ".occu");
                    if (!(occ > 0 && occ <= 1 + options.occupancyTolerance())) {
                        throw new CrystalParseException(Reason.BAD_VALUE, 0, w + ".occu: expected an occupancy in"
                                + " (0, 1], got " + occ);
                    }
                }
                cands.add(new SiteMerger.Candidate(el, f, label != null ? label : el.symbol(), occ, 0, i));
            }
        }
        return Structure.of(lattice, SiteMerger.merge(cands, options, warnings));
    }

    /** A JARVIS {@code atoms} tree. */
    public static Structure fromJarvisAtoms(JsonNode n) {
        Lattice lattice = lattice(n.get("lattice_mat"), "lattice_mat");
        JsonNode coords = n.get("coords");
        JsonNode elements = n.get("elements");
        JsonNode cart = n.get("cartesian");
        if (coords == null || !coords.isArray()) {
            throw missing("coords", "an array of [x, y, z]");
        }
        if (elements == null || !elements.isArray()) {
            throw missing("elements", "an array of element symbols");
        }
        if (cart == null || !cart.isBoolean()) {
            throw missing("cartesian", "true or false");
        }
        if (coords.size() != elements.size()) {
            throw new CrystalParseException(Reason.BAD_VALUE, 0, "expected as many coords as elements, got "
                    + coords.size() + " coords and " + elements.size() + " elements");
        }
        if (coords.isEmpty()) {
            throw new CrystalParseException(Reason.NO_SITES, 0, "expected at least one atom, got empty coords");
        }
        boolean cartesian = cart.booleanValue();
        List<Site> sites = new ArrayList<>(coords.size());
        for (int i = 0; i < coords.size(); i++) {
            double[] v = vector(coords.get(i), "coords[" + i + "]");
            double[] f = cartesian ? lattice.toFractional(v) : v;
            checkFractional(f, "coords[" + i + "]");
            JsonNode e = elements.get(i);
            if (!e.isTextual()) {
                throw missing("elements[" + i + "]", "an element symbol");
            }
            Element el = Text.exactSpecies(e.asText(), "elements[" + i + "]", 0);
            sites.add(new Site(el, f, el.symbol()));
        }
        return Structure.of(lattice, sites);
    }

    private static void checkFractional(double[] f, String where) {
        for (double x : f) {
            if (!(Math.abs(x) <= CifReader.MAX_ABS_FRACTIONAL)) {
                throw new CrystalParseException(Reason.BAD_VALUE, 0, where + ": expected a position within +-"
                        + (long) CifReader.MAX_ABS_FRACTIONAL + " cells, got fractional " + java.util.Arrays.toString(f));
            }
        }
    }

    static Lattice lattice(JsonNode m, String where) {
        if (m == null || !m.isArray() || m.size() != 3) {
            throw missing(where, "3 lattice vectors [[ax, ay, az], [bx, by, bz], [cx, cy, cz]]");
        }
        double[][] rows = new double[3][];
        for (int i = 0; i < 3; i++) {
            rows[i] = vector(m.get(i), where + "[" + i + "]");
        }
        try {
            return Lattice.of(rows);
        } catch (IllegalArgumentException e) {
            throw new CrystalParseException(Reason.BAD_LATTICE, null, 0, null, 0,
                    where + ": expected three independent lattice vectors: " + e.getMessage(), e);
        }
    }

    static double[] vector(JsonNode v, String where) {
        if (v == null || !v.isArray() || v.size() != 3) {
            throw new CrystalParseException(v == null ? Reason.MISSING_FIELD : Reason.BAD_VALUE, 0,
                    where + ": expected 3 numbers, got " + (v == null ? "nothing" : Text.clip(v.toString())));
        }
        double[] out = new double[3];
        Iterator<JsonNode> it = v.elements();
        for (int k = 0; k < 3; k++) {
            out[k] = number(it.next(), where + "[" + k + "]");
        }
        return out;
    }

    static double number(JsonNode v, String where) {
        if (v == null || !v.isNumber()) {
            throw new CrystalParseException(v == null || v.isNull() ? Reason.MISSING_FIELD : Reason.BAD_NUMBER, 0,
                    where + ": expected a number, got " + (v == null ? "nothing" : Text.clip(v.toString())));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new CrystalParseException(Reason.BAD_NUMBER, 0, where + ": expected a finite number, got "
                    + Text.clip(v.toString()));
        }
        return d;
    }

    private static CrystalParseException missing(String where, String what) {
        return new CrystalParseException(Reason.MISSING_FIELD, 0, where + ": expected " + what);
    }

}
