package org.unate.crystal.io;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link CrystalDataset} reads its records.
 *
 * @param strict         if true the first bad record throws its {@link CrystalParseException}; if false (default)
 *                       bad records are skipped, counted and listed in the {@link ReadReport}. Records dropped by
 *                       {@link OccupancyPolicy#SKIP} are skipped in both modes: that is a policy, not a failure
 * @param limit          stop after this many records have been returned; 0 = no limit
 * @param threads        parsing threads; 1 parses on the calling thread. With more, records are still returned in
 *                       file order
 * @param structure      policies for the structures ({@link ReadOptions#DEFAULT})
 * @param idField        field holding the record id; null = the format's default ({@code id} in JSON Lines,
 *                       {@code jid} in JARVIS JSON; CGCNN ids are the csv's first column)
 * @param structureField field holding the structure; null = the format's default ({@code cif} in JSON Lines,
 *                       {@code atoms} in JARVIS JSON)
 * @param labels         label fields to read; null = the format's default ({@link #JARVIS_JSONL_LABELS},
 *                       {@link #JARVIS_DFT3D_LABELS}, {@code [target]} for CGCNN); {@link #ALL_NUMERIC} = every
 *                       top-level field holding a number (JSON formats). For CGCNN the single entry names the csv's
 *                       second column
 */
public record DatasetOptions(boolean strict, long limit, int threads, ReadOptions structure, String idField,
        String structureField, List<String> labels) {

    /** Labels of the shared JARVIS JSON Lines file. */
    public static final List<String> JARVIS_JSONL_LABELS =
            List.of("formation_energy_peratom", "mbj_bandgap", "bulk_modulus_kv", "shear_modulus_gv");

    /** Labels read by default from the official JARVIS {@code dft_3d} JSON list (units as JARVIS gives them). */
    public static final List<String> JARVIS_DFT3D_LABELS = List.of("formation_energy_peratom", "optb88vdw_bandgap",
            "mbj_bandgap", "hse_gap", "bulk_modulus_kv", "shear_modulus_gv", "ehull", "optb88vdw_total_energy",
            "epsx", "epsy", "epsz", "mepsx", "mepsy", "mepsz", "magmom_oszicar", "magmom_outcar", "spillage", "slme",
            "exfoliation_energy", "dfpt_piezo_max_dielectric", "n-Seebeck", "p-Seebeck", "n-powerfact",
            "p-powerfact", "max_efg", "avg_elec_mass", "avg_hole_mass", "density");

    /** Sentinel for {@link #labels}: read every numeric top-level field (except the id). */
    public static final List<String> ALL_NUMERIC = List.of("*");

    /** Lenient, no limit, one thread, default structure policies, format defaults for fields. */
    public static final DatasetOptions DEFAULT =
            new DatasetOptions(false, 0, 1, ReadOptions.DEFAULT, null, null, null);

    public DatasetOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = none), got " + limit);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in 1..256, got " + threads);
        }
        Objects.requireNonNull(structure, "structure");
        labels = labels == null ? null : List.copyOf(labels);
    }

    public static DatasetOptions defaults() {
        return DEFAULT;
    }

    public DatasetOptions withStrict(boolean s) {
        return new DatasetOptions(s, limit, threads, structure, idField, structureField, labels);
    }

    public DatasetOptions withLimit(long n) {
        return new DatasetOptions(strict, n, threads, structure, idField, structureField, labels);
    }

    public DatasetOptions withThreads(int n) {
        return new DatasetOptions(strict, limit, n, structure, idField, structureField, labels);
    }

    /** Threads = available processors. */
    public DatasetOptions parallel() {
        return withThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public DatasetOptions withStructure(ReadOptions r) {
        return new DatasetOptions(strict, limit, threads, r, idField, structureField, labels);
    }

    public DatasetOptions withIdField(String f) {
        return new DatasetOptions(strict, limit, threads, structure, f, structureField, labels);
    }

    public DatasetOptions withStructureField(String f) {
        return new DatasetOptions(strict, limit, threads, structure, idField, f, labels);
    }

    public DatasetOptions withLabels(List<String> l) {
        return new DatasetOptions(strict, limit, threads, structure, idField, structureField, l);
    }
}
