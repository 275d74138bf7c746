package org.unate.graph.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;

/**
 * Reads the JSON Lines written by {@code scripts/peer-neighbors.py}: per record the lattice matrix, species and
 * literal fractional coordinates, and (unless written with {@code --structures-only}) pymatgen's per-site
 * neighbour distances.
 */
public final class PeerNeighborFile {
    private PeerNeighborFile() {
    }

    /**
     * One record of the file.
     *
     * @param index   0-based position in the dataset
     * @param id      record id
     * @param lattice lattice vectors as rows, {@code [3][3]}, angstrom
     * @param species element symbols in CIF row order
     * @param frac    literal fractional coordinates {@code [nSites][3]}
     * @param d5      per site, sorted distances within 5 angstrom (null when absent)
     * @param knn12   per site, the 12 smallest distances within 8 angstrom (null when absent)
     * @param n8      per site, neighbour count within 8 angstrom (null when absent)
     */
    public record Entry(int index, String id, double[][] lattice, List<String> species, double[][] frac,
                        double[][] d5, double[][] knn12, int[] n8) {

        /** The cell as a {@link Structure} (lattice and coordinates exactly as in the file). */
        public Structure structure() {
            List<Site> sites = new ArrayList<>(species.size());
            for (int i = 0; i < species.size(); i++) {
                Element e = Element.of(species.get(i));
                sites.add(new Site(e, frac[i], species.get(i)));
            }
            return Structure.of(Lattice.of(lattice), sites);
        }

        public CrystalRecord record() {
            return new CrystalRecord(id, structure(), Map.of());
        }
    }

    /** Reads every line of {@code file}; errors name the file and line. */
    public static List<Entry> read(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<Entry> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(om.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + ":" + no + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static Entry parse(JsonNode n) {
        double[][] lat = matrix(n.get("lattice"));
        if (lat.length != 3) {
            throw new IllegalArgumentException("expected a 3x3 lattice");
        }
        List<String> sp = new ArrayList<>();
        n.get("species").forEach(x -> sp.add(x.asText()));
        double[][] frac = matrix(n.get("frac"));
        if (frac.length != sp.size()) {
            throw new IllegalArgumentException(sp.size() + " species but " + frac.length + " coordinates");
        }
        int[] n8 = null;
        if (n.has("n8")) {
            JsonNode a = n.get("n8");
            n8 = new int[a.size()];
            for (int i = 0; i < n8.length; i++) {
                n8[i] = a.get(i).asInt();
            }
        }
        return new Entry(n.get("index").asInt(), n.get("id").asText(), lat, sp, frac,
                n.has("d5") ? matrix(n.get("d5")) : null, n.has("knn12") ? matrix(n.get("knn12")) : null, n8);
    }

    private static double[][] matrix(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = a.get(i);
            m[i] = new double[row.size()];
            for (int k = 0; k < m[i].length; k++) {
                m[i][k] = row.get(k).asDouble();
            }
        }
        return m;
    }
}
