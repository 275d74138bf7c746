package org.unate.crystal.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * Reads crystal structures from CIF 1.1 text.
 *
 * <h2>What is read</h2>
 * <ul>
 * <li><b>Block.</b> By default the first data block that has atom sites ({@code _atom_site_fract_x}); blocks without
 *     sites (journal metadata, a global block) are passed over. {@link #read(Path, String)} picks a block by name
 *     (case-insensitive), {@link #readAll(Path)} reads every block with sites.</li>
 * <li><b>Cell.</b> {@code _cell_length_a/b/c} (angstrom) and {@code _cell_angle_alpha/beta/gamma} (degrees), all six
 *     required, oriented by {@link Lattice#fromParameters}: a along x, b in the xy plane.</li>
 * <li><b>Numbers</b> in decimal notation with an optional standard uncertainty, {@code 5.12(1)} = 5.12. {@code ?}
 *     (unknown) and {@code .} (inapplicable) are missing values; where a number is required that is an error.</li>
 * <li><b>Symmetry.</b> The operators listed in {@code _space_group_symop_operation_xyz} or, when absent,
 *     {@code _symmetry_equiv_pos_as_xyz} (or their DDLm spellings; loop or single item), parsed by
 *     {@link SymmetryOperation#parse}; when a block lists operators, only those are applied. Operators under any
 *     other tag (magnetic CIF) are refused ({@link Reason#BAD_SYMMETRY}), and so is a modulated structure
 *     (superspace-group tags, {@link Reason#UNSUPPORTED}). A block that lists no operators is read as P1 when it
 *     names no space group or names P1; if it names another group, the operators are built from the name where the
 *     name fixes them ({@code SpaceGroups}: a Hall symbol, a Hermann-Mauguin symbol of one setting, a number with one
 *     setting), with a warning; otherwise the block is refused, naming the tag, the settings it fits and the fix.</li>
 * <li><b>Sites.</b> The {@code _atom_site_} loop (or single items, for a one-atom file) with
 *     {@code _atom_site_fract_x/y/z}. The element comes from {@code _atom_site_type_symbol} when it is given, else
 *     from {@code _atom_site_label} ({@code Al3+}, {@code Fe1}, {@code O2-}: see {@link SiteLabels}; a reading by
 *     a convention, {@code Wat5} as O, is reported as a {@link ReadWarning});
 *     the site's label is {@code _atom_site_label} (the type symbol when there is no label). Occupancy is
 *     {@code _atom_site_occupancy} (JARVIS writes {@code _atom_site_fract_occupancy}, accepted as well), 1 when
 *     absent or {@code ?}; it must lie in (0, 1]. Rows with {@code _atom_site_calc_flag dum} (dummy sites) are
 *     left out. Sites given only in Cartesian coordinates are refused ({@link Reason#UNSUPPORTED}).</li>
 * </ul>
 *
 * <h2>Expansion, merging and order</h2>
 * For each asymmetric site, in file order, every operator is applied in the listed order; an image is dropped when it
 * coincides with an image already kept for that site: every fractional component equal within
 * {@link ReadOptions#mergeTolerance()} (default 1e-3) modulo 1, compared inside the cell (coordinates wrapped into
 * [0, 1), differences taken on the torus, so a site written as {@code 1.6} or {@code -0.3} has the images it has at
 * {@code 0.6} or {@code 0.7}). So the output holds, for each asymmetric site in file
 * order, its distinct images in operator order. The image under the identity operator keeps the coordinates exactly as
 * written (not wrapped, not snapped): a file listing only {@code x,y,z} yields its coordinates untouched. Images under
 * any other operator are reduced to [0, 1). Images of different asymmetric sites that coincide are disorder or an
 * error, decided by {@link ReadOptions#occupancy()} (see {@link OccupancyPolicy}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CifReader {
    private static final String[] CELL_TAGS = {"_cell_length_a", "_cell_length_b", "_cell_length_c",
        "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"};
    /** Operator tags in order of preference: the CIF 1.1 core names, then the DDLm (CIF 2) spellings. */
    private static final String[] SYMOP_TAGS = {"_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz",
        "_space_group_symop.operation_xyz", "_symmetry_equiv.pos_as_xyz"};
    private static final String[] HALL_TAGS = {"_space_group_name_hall", "_symmetry_space_group_name_hall",
        "_space_group.name_hall"};
    private static final String[] HM_TAGS = {"_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m",
        "_space_group.name_h-m_alt", "_space_group_name_h-m_full", "_space_group.name_h-m_full"};
    private static final String[] GROUP_NUMBER_TAGS = {"_space_group_it_number", "_symmetry_int_tables_number",
        "_space_group.it_number"};
    /** Tags of modulated (superspace) structures; any one of them makes the block (3+d)-dimensional. */
    private static final String[] SUPERSPACE_PREFIXES = {"_space_group_ssg", "_space_group_symop_ssg",
        "_symmetry_ssg", "_cell_wave_vector", "_cell_subsystem", "_atom_site_fourier_wave_vector",
        "_atom_site_displace_fourier", "_atom_site_occ_fourier"};
    /** Largest accepted absolute fractional coordinate. */
    public static final double MAX_ABS_FRACTIONAL = 1e4;

    private final ReadOptions options;

    public CifReader(ReadOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** A reader with {@link ReadOptions#DEFAULT}. */
    public static CifReader withDefaults() {
        return new CifReader(ReadOptions.DEFAULT);
    }

    public ReadOptions options() {
        return options;
    }

    /**
     * The structure of the first data block with atom sites.
     *
     * @throws CrystalParseException when the file cannot be read or holds no valid structure
     */
    public Structure read(Path file) {
        return read(file, ReadWarning.LOG);
    }

    /** As {@link #read(Path)}, reporting what was read by a convention or changed by a policy to {@code warnings}. */
    public Structure read(Path file, Consumer<ReadWarning> warnings) {
        return parse(Io.readText(file), file.toString(), warnings);
    }

    /** The structure of the data block named {@code blockName} (without {@code data_}, any case). */
    public Structure read(Path file, String blockName) {
        return parse(Io.readText(file), file.toString(), blockName);
    }

    /** Every data block with atom sites, by block name, in file order. */
    public Map<String, Structure> readAll(Path file) {
        return parseAll(Io.readText(file), file.toString());
    }

    /**
     * The structure of the first data block with atom sites of a CIF text.
     *
     * @param source file or dataset name for messages; may be null
     */
    public Structure parse(String text, String source) {
        return parse(text, source, ReadWarning.LOG);
    }

    /**
     * As {@link #parse(String, String)}, reporting to {@code warnings} what was read by a convention (a label that
     * is not an element symbol, operators built from a space-group name) or changed by the occupancy policy.
     */
    public Structure parse(String text, String source, Consumer<ReadWarning> warnings) {
        Consumer<ReadWarning> sink = ReadWarning.inSource(warnings, source);
        try {
            List<CifBlock> blocks = CifParser.parse(text);
            for (CifBlock b : blocks) {
                if (hasSites(b)) {
                    return toStructure(b, sink);
                }
            }
            for (CifBlock b : blocks) {
                if (b.has("_atom_site_cartn_x")) {
                    return toStructure(b, sink); // refuses with UNSUPPORTED, naming the block
                }
            }
            throw new CrystalParseException(Reason.NO_SITES, blocks.isEmpty() ? 0 : blocks.get(0).line(),
                    "expected a data block with atom sites (_atom_site_fract_x/y/z), found none in "
                            + blocks.size() + (blocks.size() == 1 ? " block" : " blocks"));
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    /** The structure of the data block named {@code blockName} (any case) of a CIF text. */
    public Structure parse(String text, String source, String blockName) {
        try {
            List<CifBlock> blocks = CifParser.parse(text);
            List<String> names = new ArrayList<>();
            for (CifBlock b : blocks) {
                if (b.name().equalsIgnoreCase(blockName)) {
                    return toStructure(b, ReadWarning.inSource(ReadWarning.LOG, source));
                }
                names.add(b.name());
            }
            throw new CrystalParseException(Reason.MISSING_FIELD, 0, "expected a data block named '"
                    + Text.clip(blockName) + "', found " + Text.clip(String.join(", ", names)));
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    /** Every data block with atom sites of a CIF text, by block name, in file order. */
    public Map<String, Structure> parseAll(String text, String source) {
        try {
            Map<String, Structure> out = new LinkedHashMap<>();
            for (CifBlock b : CifParser.parse(text)) {
                if (!hasSites(b)) {
                    continue;
                }
                for (String seen : out.keySet()) {
                    if (seen.equalsIgnoreCase(b.name())) {
                        throw new CrystalParseException(Reason.SYNTAX, b.line(), "expected unique data block names,"
                                + " found data_" + Text.clip(b.name()) + " twice");
                    }
                }
                out.put(b.name(), toStructure(b, ReadWarning.inSource(ReadWarning.LOG, source)));
            }
            if (out.isEmpty()) {
                throw new CrystalParseException(Reason.NO_SITES, 0,
                        "expected a data block with atom sites (_atom_site_fract_x/y/z), found none");
            }
            return out;
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    /** Whether a block has fractional atom sites. */
    public static boolean hasSites(CifBlock b) {
        return b.has("_atom_site_fract_x");
    }

    /**
     * The structure described by one parsed block.
     *
     * @throws CrystalParseException with the line of the offending value; no source set
     */
    public Structure toStructure(CifBlock b) {
        return toStructure(b, ReadWarning.LOG);
    }

    /** As {@link #toStructure(CifBlock)}, reporting warnings (without a source) to {@code warnings}. */
    public Structure toStructure(CifBlock b, Consumer<ReadWarning> warnings) {
        Lattice lattice = lattice(b);
        List<SymmetryOperation> ops = operations(b, lattice, warnings);
        Map<String, List<String>> labelNotes = new LinkedHashMap<>();
        Map<String, Integer> noteLines = new LinkedHashMap<>();
        List<SiteMerger.Candidate> cands = new ArrayList<>();
        Table t = siteTable(b);
        int cx = t.column("_atom_site_fract_x"), cy = t.column("_atom_site_fract_y"),
                cz = t.column("_atom_site_fract_z");
        if (cx < 0 || cy < 0 || cz < 0) {
            throw new CrystalParseException(Reason.MISSING_FIELD, t.line(),
                    "expected _atom_site_fract_x, _atom_site_fract_y and _atom_site_fract_z together, missing "
                            + (cx < 0 ? "_atom_site_fract_x" : cy < 0 ? "_atom_site_fract_y" : "_atom_site_fract_z"));
        }
        int cType = t.column("_atom_site_type_symbol");
        int cLabel = t.column("_atom_site_label");
        int cOcc = t.column("_atom_site_occupancy");
        if (cOcc < 0) {
            cOcc = t.column("_atom_site_fract_occupancy");
        }
        int cFlag = t.column("_atom_site_calc_flag");
        if (cType < 0 && cLabel < 0) {
            throw new CrystalParseException(Reason.MISSING_FIELD, t.line(),
                    "expected _atom_site_type_symbol or _atom_site_label to name the atoms, found neither");
        }
        double tol = options.mergeTolerance();
        for (int r = 0; r < t.rows(); r++) {
            CifValue vx = t.get(r, cx);
            int line = vx.line();
            if (cFlag >= 0 && t.get(r, cFlag).text().equalsIgnoreCase("dum")) {
                continue;
            }
            CifValue label = cLabel >= 0 ? t.get(r, cLabel) : null;
            CifValue type = cType >= 0 ? t.get(r, cType) : null;
            String labelText = label != null && !label.isMissing() ? label.text() : null;
            SiteLabels.Reading reading;
            String siteName;
            String from;
            if (type != null && !type.isMissing()) {
                reading = SiteLabels.read(type.text()).orElseThrow(() -> new CrystalParseException(
                        Reason.UNKNOWN_ELEMENT, type.line(), "expected an element in _atom_site_type_symbol, got '"
                        + Text.clip(type.text()) + "'" + (labelText == null ? "" : " (site '" + Text.clip(labelText)
                        + "')")));
                siteName = labelText != null ? labelText : type.text();
                from = "_atom_site_type_symbol";
            } else if (labelText != null) {
                reading = SiteLabels.read(labelText).orElseThrow(() -> new CrystalParseException(
                        Reason.UNKNOWN_ELEMENT, label.line(), "expected an element symbol at the start of"
                        + " _atom_site_label (there is no _atom_site_type_symbol), got '" + Text.clip(labelText)
                        + "'; add an _atom_site_type_symbol column"));
                siteName = labelText;
                from = type == null ? "_atom_site_label (there is no _atom_site_type_symbol)"
                        : "_atom_site_label (the type symbol is '" + type.text() + "')";
            } else {
                throw new CrystalParseException(Reason.MISSING_FIELD, line, "atom site row " + (r + 1)
                        + " has no type symbol and no label; expected one to name its element");
            }
            Element element = reading.element();
            if (reading.note() != null) {
                String note = from + ": " + reading.note();
                labelNotes.computeIfAbsent(note, k -> new ArrayList<>()).add(siteName);
                noteLines.putIfAbsent(note, line);
            }
            double[] xyz = {coordinate(t.get(r, cx), "_atom_site_fract_x", siteName),
                coordinate(t.get(r, cy), "_atom_site_fract_y", siteName),
                coordinate(t.get(r, cz), "_atom_site_fract_z", siteName)};
            double occ = 1.0;
            if (cOcc >= 0) {
                CifValue vo = t.get(r, cOcc);
                if (!vo.isMissing()) {
                    occ = vo.numberOrNaN();
                    if (Double.isNaN(occ)) {
                        throw new CrystalParseException(Reason.BAD_NUMBER, vo.line(), "site '" + Text.clip(siteName)
                                + "': expected a number for " + t.tag(cOcc) + ", got '" + Text.clip(vo.text()) + "'");
                    }
                    if (!(occ > 0 && occ <= 1 + options.occupancyTolerance())) {
                        throw new CrystalParseException(Reason.BAD_VALUE, vo.line(), "site '" + Text.clip(siteName)
                                + "': expected an occupancy in (0, 1], got " + Text.clip(vo.text()));
                    }
                }
            }
            // images are compared inside the cell: every coordinate wrapped into [0, 1), distances on the torus
            List<double[]> images = new ArrayList<>(ops.size());
            for (SymmetryOperation op : ops) {
                double[] p = op.isIdentity() ? xyz.clone() : SiteMerger.wrap(op.apply(xyz));
                double[] inCell = SiteMerger.wrap(p);
                boolean dup = false;
                for (double[] q : images) {
                    if (SiteMerger.samePosition(inCell, q, tol)) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    images.add(inCell);
                    cands.add(new SiteMerger.Candidate(element, p, siteName, occ, line, r));
                }
            }
        }
        if (cands.isEmpty()) {
            throw new CrystalParseException(Reason.NO_SITES, t.line(),
                    "expected at least one atom site, found only dummy sites");
        }
        labelNotes.forEach((note, names) -> warnings.accept(ReadWarning.at(noteLines.get(note), (names.size() == 1
                ? "site '" + Text.clip(names.get(0)) + "'" : names.size() + " sites ('" + Text.clip(names.get(0))
                + "', ...)") + ": element from " + note + "; add _atom_site_type_symbol to be sure")));
        List<Site> sites = SiteMerger.merge(cands, options, warnings);
        return Structure.of(lattice, sites);
    }

    private double coordinate(CifValue v, String tag, String site) {
        if (v.isMissing()) {
            throw new CrystalParseException(Reason.MISSING_FIELD, v.line(), "site '" + Text.clip(site)
                    + "': expected a number for " + tag + ", got '" + v.text() + "'");
        }
        double x = v.numberOrNaN();
        if (Double.isNaN(x)) {
            throw new CrystalParseException(Reason.BAD_NUMBER, v.line(), "site '" + Text.clip(site)
                    + "': expected a number for " + tag + ", got '" + Text.clip(v.text()) + "'");
        }
        if (!(Math.abs(x) <= MAX_ABS_FRACTIONAL)) {
            throw new CrystalParseException(Reason.BAD_VALUE, v.line(), "site '" + Text.clip(site)
                    + "': expected a fractional coordinate within +-" + (long) MAX_ABS_FRACTIONAL + " for " + tag
                    + ", got '" + Text.clip(v.text()) + "'");
        }
        return x;
    }

    private static Lattice lattice(CifBlock b) {
        double[] p = new double[6];
        int firstLine = b.line();
        for (int i = 0; i < 6; i++) {
            String tag = CELL_TAGS[i];
            Optional<CifValue> ov = b.value(tag);
            if (ov.isEmpty()) {
                if (b.loop(tag).isPresent()) {
                    throw new CrystalParseException(Reason.BAD_VALUE, b.loop(tag).get().line(),
                            "expected 6 cell parameters as single values, got " + tag + " in a loop");
                }
                throw new CrystalParseException(Reason.MISSING_FIELD, b.line(),
                        "expected 6 cell parameters, missing " + tag + " in data block '" + Text.clip(b.name()) + "'");
            }
            CifValue v = ov.get();
            if (i == 0) {
                firstLine = v.line();
            }
            if (v.isMissing()) {
                throw new CrystalParseException(Reason.MISSING_FIELD, v.line(),
                        "expected 6 cell parameters, got '" + tag + " " + v.text() + "'");
            }
            double x = v.numberOrNaN();
            if (!Double.isFinite(x)) {
                throw new CrystalParseException(Reason.BAD_NUMBER, v.line(),
                        "expected a finite number for " + tag + ", got '" + Text.clip(v.text()) + "'");
            }
            p[i] = x;
        }
        try {
            return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (IllegalArgumentException e) {
            throw new CrystalParseException(Reason.BAD_LATTICE, null, 0, null, firstLine,
                    "expected cell parameters that form a cell: " + e.getMessage(), e);
        }
    }

    /**
     * The operators the block lists; else those of the space group it names, where the name fixes them; else the
     * identity when it names none (or P 1). A modulated structure (superspace group) is refused.
     */
    private static List<SymmetryOperation> operations(CifBlock b, Lattice lattice, Consumer<ReadWarning> warnings) {
        refuseSuperspace(b);
        for (String tag : SYMOP_TAGS) {
            List<CifValue> values = values(b, tag);
            if (values.isEmpty()) {
                continue;
            }
            List<SymmetryOperation> ops = new ArrayList<>(values.size());
            for (CifValue v : values) {
                if (v.isMissing()) {
                    throw new CrystalParseException(Reason.BAD_SYMMETRY, v.line(),
                            "expected a symmetry operator in " + tag + ", got '" + v.text() + "'");
                }
                try {
                    ops.add(SymmetryOperation.parse(v.text()));
                } catch (CrystalParseException e) {
                    throw new CrystalParseException(e.reason(), null, 0, null, v.line(), e.detail(), null);
                }
            }
            return ops;
        }
        for (String tag : allTags(b)) {
            if (tag.contains("symop") || tag.contains("equiv_pos") || tag.contains("equiv.pos")) {
                if (tag.endsWith("_id") || tag.endsWith(".id")) {
                    continue; // an id column alone lists no operator
                }
                throw new CrystalParseException(Reason.BAD_SYMMETRY, line(b, tag), "data block '"
                        + Text.clip(b.name()) + "' gives its symmetry in " + tag + ", which this reader does not read;"
                        + " expected _space_group_symop_operation_xyz or _symmetry_equiv_pos_as_xyz");
            }
        }
        return namedGroup(b, lattice, warnings);
    }

    /** The operators of the space group the block names (Hall symbol, then H-M symbol, then number), or identity. */
    private static List<SymmetryOperation> namedGroup(CifBlock b, Lattice lattice, Consumer<ReadWarning> warnings) {
        CifValue hall = first(b, HALL_TAGS);
        CifValue hm = first(b, HM_TAGS);
        CifValue number = first(b, GROUP_NUMBER_TAGS);
        if (hall == null && hm == null && number == null) {
            return List.of(SymmetryOperation.IDENTITY);
        }
        CrystalParseException firstError = null;
        SpaceGroups.Setting setting = null;
        CifValue used = null;
        String usedTag = null;
        Integer n = null;
        if (number != null) {
            double d = number.numberOrNaN();
            if (!(d == Math.rint(d) && d >= 1 && d <= 230)) {
                throw new CrystalParseException(Reason.BAD_SYMMETRY, number.line(), "expected a space-group number"
                        + " in 1..230 for " + tagOf(b, number, GROUP_NUMBER_TAGS) + ", got '"
                        + Text.clip(number.text()) + "'");
            }
            n = (int) d;
        }
        for (CifValue v : new CifValue[] {hall, hm, number}) {
            if (v == null || setting != null) {
                continue;
            }
            try {
                if (v == hall) {
                    setting = SpaceGroups.byHall(v.text());
                } else if (v == hm) {
                    String name = SpaceGroups.normalise(v.text());
                    if (name.equals("p1")) {
                        return List.of(SymmetryOperation.IDENTITY);
                    }
                    setting = SpaceGroups.byHermannMauguin(v.text(), lattice);
                } else {
                    if (n == 1) {
                        return List.of(SymmetryOperation.IDENTITY);
                    }
                    setting = SpaceGroups.byNumber(n, lattice);
                }
                used = v;
                usedTag = tagOf(b, v, v == hall ? HALL_TAGS : v == hm ? HM_TAGS : GROUP_NUMBER_TAGS);
            } catch (CrystalParseException e) {
                if (firstError == null) {
                    firstError = new CrystalParseException(e.reason(), null, 0, null, v.line(), "the block lists no"
                            + " symmetry operators (_space_group_symop_operation_xyz or _symmetry_equiv_pos_as_xyz),"
                            + " and " + tagOf(b, v, v == hall ? HALL_TAGS : v == hm ? HM_TAGS : GROUP_NUMBER_TAGS)
                            + " cannot stand in for them: " + e.detail(), null);
                }
            }
        }
        if (setting == null) {
            throw firstError;
        }
        if (n != null && n != setting.number()) {
            throw new CrystalParseException(Reason.BAD_SYMMETRY, used.line(), usedTag + " '" + Text.clip(used.text())
                    + "' is space group " + setting.number() + ", but " + tagOf(b, number, GROUP_NUMBER_TAGS)
                    + " says " + n + "; expected the two to agree, or the operators listed");
        }
        warnings.accept(ReadWarning.at(used.line(), "no symmetry operators listed; the " + setting.operations().size()
                + " operators of " + setting.describe() + " were built from " + usedTag + " '"
                + Text.clip(used.text()) + "'"
                + (firstError != null ? " (" + firstError.detail() + ")" : "")));
        return setting.operations();
    }

    /** Refuses a block with tags of a modulated structure: its 3D operators, if any, do not describe the crystal. */
    private static void refuseSuperspace(CifBlock b) {
        String found = null;
        for (String tag : allTags(b)) {
            for (String prefix : SUPERSPACE_PREFIXES) {
                if (tag.startsWith(prefix) && (found == null || tag.contains("operation"))) {
                    found = tag;
                }
            }
        }
        Optional<CifValue> dim = b.value("_cell_modulation_dimension");
        if (found == null && dim.isPresent() && !dim.get().isMissing() && dim.get().numberOrNaN() != 0) {
            found = "_cell_modulation_dimension";
        }
        if (found != null) {
            throw new CrystalParseException(Reason.UNSUPPORTED, line(b, found), "data block '" + Text.clip(b.name())
                    + "' describes a modulated structure in a superspace group (" + found + "); expected a"
                    + " 3-dimensional space group: (3+d)-dimensional structures are not read");
        }
    }

    /** The values of a tag, from its loop or its single item; empty when absent. */
    private static List<CifValue> values(CifBlock b, String tag) {
        List<CifValue> values = new ArrayList<>();
        Optional<CifLoop> loop = b.loop(tag);
        if (loop.isPresent()) {
            CifLoop l = loop.get();
            int c = l.column(tag);
            for (int r = 0; r < l.rows(); r++) {
                values.add(l.get(r, c));
            }
        } else {
            b.value(tag).ifPresent(values::add);
        }
        return values;
    }

    /** The first present, non-missing single value among {@code tags}, or null. */
    private static CifValue first(CifBlock b, String[] tags) {
        for (String tag : tags) {
            Optional<CifValue> v = b.value(tag);
            if (v.isPresent() && !v.get().isMissing()) {
                return v.get();
            }
        }
        return null;
    }

    /** Which of {@code tags} holds {@code v}, spelled as the CIF dictionary does. */
    private static String tagOf(CifBlock b, CifValue v, String[] tags) {
        for (String tag : tags) {
            if (b.value(tag).orElse(null) == v) {
                return DICTIONARY_SPELLING.getOrDefault(tag, tag);
            }
        }
        return tags[0];
    }

    private static final Map<String, String> DICTIONARY_SPELLING = Map.of(
            "_space_group_name_h-m_alt", "_space_group_name_H-M_alt",
            "_symmetry_space_group_name_h-m", "_symmetry_space_group_name_H-M",
            "_space_group_name_h-m_full", "_space_group_name_H-M_full",
            "_space_group_name_hall", "_space_group_name_Hall",
            "_symmetry_space_group_name_hall", "_symmetry_space_group_name_Hall",
            "_space_group_it_number", "_space_group_IT_number",
            "_symmetry_int_tables_number", "_symmetry_Int_Tables_number");

    /** Every tag of the block: single items and loop columns. */
    private static List<String> allTags(CifBlock b) {
        List<String> tags = new ArrayList<>(b.items().keySet());
        for (CifLoop l : b.loops()) {
            tags.addAll(l.tags());
        }
        return tags;
    }

    /** The line where a tag's first value stands (the block's line when unknown). */
    private static int line(CifBlock b, String tag) {
        List<CifValue> v = values(b, tag);
        return v.isEmpty() ? b.line() : v.get(0).line();
    }

    /** The atom-site columns, from a loop or from single items (a one-atom block). */
    private static Table siteTable(CifBlock b) {
        Optional<CifLoop> loop = b.loop("_atom_site_fract_x");
        if (loop.isPresent()) {
            return new Table(loop.get(), null);
        }
        if (b.value("_atom_site_fract_x").isPresent()) {
            Map<String, CifValue> items = new LinkedHashMap<>();
            b.items().forEach((k, v) -> {
                if (k.startsWith("_atom_site_")) {
                    items.put(k, v);
                }
            });
            return new Table(null, items);
        }
        if (b.has("_atom_site_cartn_x")) {
            throw new CrystalParseException(Reason.UNSUPPORTED, b.line(), "data block '" + Text.clip(b.name())
                    + "' gives atom sites only in Cartesian coordinates; expected _atom_site_fract_x/y/z");
        }
        throw new CrystalParseException(Reason.NO_SITES, b.line(), "data block '" + Text.clip(b.name())
                + "' has no atom sites; expected an _atom_site_ loop with _atom_site_fract_x/y/z");
    }

    /** A uniform view of a loop or of single items. */
    private static final class Table {
        private final CifLoop loop;
        private final List<String> tags;
        private final List<CifValue> items;

        Table(CifLoop loop, Map<String, CifValue> items) {
            this.loop = loop;
            this.tags = loop != null ? loop.tags() : List.copyOf(items.keySet());
            this.items = loop != null ? null : List.copyOf(items.values());
        }

        int rows() {
            return loop != null ? loop.rows() : 1;
        }

        int column(String tag) {
            return tags.indexOf(tag);
        }

        String tag(int c) {
            return tags.get(c);
        }

        CifValue get(int r, int c) {
            return loop != null ? loop.get(r, c) : items.get(c);
        }

        int line() {
            return loop != null ? loop.line() : items.get(0).line();
        }
    }
}
