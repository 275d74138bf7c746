package org.unate.graph;

import java.util.Arrays;

/**
 * Periodic neighbour search in float64: cell lists over the unit cell plus an exact, per-pair enumeration of
 * lattice images inside the cutoff sphere. Not thread-safe (it reuses its work arrays); use one per thread.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Fractional coordinates {@code f} as given are wrapped, {@code f = w + s} with {@code w} in [0, 1) and
 *       integer {@code s}.</li>
 *   <li>The cell is cut into {@code nb_k = floor(width_k / R)} bins along each axis ({@code width_k}: the cell's
 *       perpendicular width, {@code R}: cutoff plus a small margin), so a bin is at least {@code R} thick and a
 *       neighbour lies in the same or an adjacent bin (cyclically). Only those bins are scanned: linear in atoms.
 *       Cells thinner than {@code R} along an axis get one bin along it.</li>
 *   <li>For each (centre, candidate) pair every lattice image within {@code R} is enumerated exactly in a
 *       rotated frame where the lattice is lower-triangular ({@code a} along x, {@code b} in the xy plane): the
 *       z bound fixes the range of {@code n_c}, then y of {@code n_b}, then x of {@code n_a}. This visits the
 *       images inside the sphere and its thin shell only, however small or skewed the cell (images through many
 *       cells are found; the range follows from the geometry, nothing is capped).</li>
 *   <li>Each candidate's vector is recomputed in the original frame from the coordinates as given,
 *       {@link #edgeVector}, and kept when {@code d <= cutoff + }{@value #CUTOFF_TOLERANCE}.</li>
 * </ol>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Edge {@code i -> j} with image {@code n}: {@code vector = (f_j - f_i + n) M = r_j + n M - r_i} where
 *       {@code f} are the fractional coordinates <em>as given</em> (not wrapped) and {@code M} has the lattice
 *       vectors as rows. Image offsets therefore refer to the unwrapped positions as given.</li>
 *   <li>The atom itself ({@code j == i}, image 0) is never an edge; its other periodic images are. Two different
 *       sites (or a site and an image) closer than {@value #SELF_TOLERANCE} angstrom make the build fail with
 *       {@link GraphBuildException.Reason#COINCIDENT_SITES}.</li>
 *   <li>Edges are grouped by centre (ascending). Within a centre they are sorted by the distance quantised to
 *       {@value #DISTANCE_QUANTUM} angstrom ({@code Math.round(d / 1e-8)}), then by neighbour index, then by
 *       image lexicographically ({@code n_a}, {@code n_b}, {@code n_c}). {@link GraphConfig.Mode#K_NEAREST}
 *       keeps the first k of that order, so ties at the k-th distance are broken by neighbour index, then
 *       image.</li>
 * </ul>
 */
public final class NeighborFinder {
    /** A distance {@code d} is within the cutoff when {@code d <= cutoff + CUTOFF_TOLERANCE} (angstrom). */
    public static final double CUTOFF_TOLERANCE = 1e-8;
    /** Pairs closer than this (angstrom) are the atom itself, or coincident sites. */
    public static final double SELF_TOLERANCE = 1e-8;
    /** Distances are quantised to this (angstrom) for sorting, so that rounding noise does not order ties. */
    public static final double DISTANCE_QUANTUM = 1e-8;

    /** Slack of the image enumeration (angstrom); candidates are then tested exactly. */
    private static final double SEARCH_MARGIN = 1e-6;
    private static final int LOCAL_BITS = 29;
    private static final long LOCAL_MASK = (1L << LOCAL_BITS) - 1;

    private final GraphConfig config;

    // per-structure work arrays
    private double[] qx = new double[0], qy = new double[0], qz = new double[0];
    private int[] shift = new int[0];
    private int[] binOf = new int[0], binStart = new int[0], binAtoms = new int[0], binFill = new int[0];

    // per-centre candidates
    private int cN;
    private int[] cDst = new int[256], cImg = new int[3 * 256];
    private double[] cDist = new double[256], cVec = new double[3 * 256];
    private long[] cKey = new long[256];
    private int[] order = new int[256];

    // graph output
    private int oN;
    private int[] oSrc = new int[1024], oDst = new int[1024], oImg = new int[3 * 1024];
    private double[] oDist = new double[1024], oVec = new double[3 * 1024];
    private int[] isolated = new int[16];

    public NeighborFinder(GraphConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public GraphConfig config() {
        return config;
    }

    /**
     * The canonical edge vector {@code (f_j - f_i + n) M}, angstrom, written to {@code out[off..off+2]}.
     * Graph building and the graph cache both use exactly this arithmetic, so cached graphs are bit-identical.
     *
     * @param m    lattice, row-major {@code [9]} (rows = lattice vectors)
     * @param frac fractional coordinates as given, {@code [nSites * 3]}
     */
    public static void edgeVector(double[] m, double[] frac, int i, int j, int n0, int n1, int n2,
                                  double[] out, int off) {
        double fx = (frac[3 * j] - frac[3 * i]) + n0;
        double fy = (frac[3 * j + 1] - frac[3 * i + 1]) + n1;
        double fz = (frac[3 * j + 2] - frac[3 * i + 2]) + n2;
        out[off] = fx * m[0] + fy * m[3] + fz * m[6];
        out[off + 1] = fx * m[1] + fy * m[4] + fz * m[7];
        out[off + 2] = fx * m[2] + fy * m[5] + fz * m[8];
    }

    /** Euclidean norm of {@code v[off..off+2]}, as used for edge distances. */
    public static double norm3(double[] v, int off) {
        return Math.sqrt(v[off] * v[off] + v[off + 1] * v[off + 1] + v[off + 2] * v[off + 2]);
    }

    /**
     * Builds the graph of one cell.
     *
     * @param id            record id (for the graph and error messages)
     * @param lattice       lattice vectors as rows, row-major {@code [9]}, angstrom
     * @param frac          fractional coordinates as given (any real values), {@code [nSites * 3]}
     * @param atomicNumbers {@code [nSites]}; copied into the graph
     * @throws GraphBuildException on isolated sites (unless allowed) or coincident sites
     */
    public CrystalGraph find(String id, double[] lattice, double[] frac, int[] atomicNumbers) {
        int n = atomicNumbers.length;
        if (lattice.length != 9) {
            throw new IllegalArgumentException("record " + id + ": lattice needs 9 components, got " + lattice.length);
        }
        if (frac.length != 3 * n) {
            throw new IllegalArgumentException("record " + id + ": " + n + " sites need " + 3 * n
                    + " fractional coordinates, got " + frac.length);
        }
        if (n == 0) {
            throw new IllegalArgumentException("record " + id + ": a structure needs at least one site");
        }
        final double[] m = lattice;
        // --- rotated frame in which the lattice is lower-triangular
        double ax = m[0], ay = m[1], az = m[2], bx = m[3], by = m[4], bz = m[5], cx = m[6], cy = m[7], cz = m[8];
        double la = Math.sqrt(ax * ax + ay * ay + az * az);
        double e1x = ax / la, e1y = ay / la, e1z = az / la;
        double b1 = bx * e1x + by * e1y + bz * e1z;
        double px = bx - b1 * e1x, py = by - b1 * e1y, pz = bz - b1 * e1z;
        double lb = Math.sqrt(px * px + py * py + pz * pz);
        double e2x = px / lb, e2y = py / lb, e2z = pz / lb;
        double e3x = e1y * e2z - e1z * e2y, e3y = e1z * e2x - e1x * e2z, e3z = e1x * e2y - e1y * e2x;
        double c1 = cx * e1x + cy * e1y + cz * e1z;
        double c2 = cx * e2x + cy * e2y + cz * e2z;
        double c3 = cx * e3x + cy * e3y + cz * e3z;
        if (c3 < 0) {
            c3 = -c3; // reflect the frame: distances do not change
        }
        if (!(la > 0 && lb > 0 && c3 > 1e-12 * la)) {
            throw new IllegalArgumentException("record " + id + ": lattice vectors are (nearly) linearly dependent");
        }
        double volume = la * lb * c3;
        // perpendicular widths: V / |b x c|, V / |a x c|, V / |a x b|
        double wa = volume / norm(by * cz - bz * cy, bz * cx - bx * cz, bx * cy - by * cx);
        double wb = volume / norm(ay * cz - az * cy, az * cx - ax * cz, ax * cy - ay * cx);
        double wc = c3;

        double cutoff = config.cutoff();
        double rKeep = cutoff + CUTOFF_TOLERANCE;
        double rKeep2 = rKeep * rKeep;
        double rs = rKeep + SEARCH_MARGIN;
        double rs2 = rs * rs;

        // --- wrap and bin
        ensureSites(n);
        int nba = binsAlong(wa, rs), nbb = binsAlong(wb, rs), nbc = binsAlong(wc, rs);
        while ((long) nba * nbb * nbc > 4L * n + 27) {
            if (nba >= nbb && nba >= nbc) {
                nba = Math.max(1, nba / 2);
            } else if (nbb >= nbc) {
                nbb = Math.max(1, nbb / 2);
            } else {
                nbc = Math.max(1, nbc / 2);
            }
        }
        int nBins = nba * nbb * nbc;
        if (binStart.length < nBins + 1) {
            binStart = new int[nBins + 1];
            binFill = new int[nBins];
        }
        Arrays.fill(binStart, 0, nBins + 1, 0);
        for (int i = 0; i < n; i++) {
            double wx = 0, wy = 0, wz = 0;
            int ba = 0, bb = 0, bc = 0;
            for (int k = 0; k < 3; k++) {
                double f = frac[3 * i + k];
                double fl = Math.floor(f);
                double w = f - fl;
                int s = (int) fl;
                if (w >= 1.0) { // f a hair below an integer: f - floor(f) rounds to 1
                    w = 0.0;
                    s += 1;
                }
                shift[3 * i + k] = s;
                if (k == 0) {
                    wx = w;
                    ba = Math.min(nba - 1, (int) (w * nba));
                } else if (k == 1) {
                    wy = w;
                    bb = Math.min(nbb - 1, (int) (w * nbb));
                } else {
                    wz = w;
                    bc = Math.min(nbc - 1, (int) (w * nbc));
                }
            }
            qx[i] = wx * la + wy * b1 + wz * c1;
            qy[i] = wy * lb + wz * c2;
            qz[i] = wz * c3;
            int bin = (ba * nbb + bb) * nbc + bc;
            binOf[i] = bin;
            binStart[bin + 1]++;
        }
        for (int b = 0; b < nBins; b++) {
            binStart[b + 1] += binStart[b];
        }
        System.arraycopy(binStart, 0, binFill, 0, nBins);
        for (int i = 0; i < n; i++) {
            binAtoms[binFill[binOf[i]]++] = i;
        }

        // --- per centre
        oN = 0;
        int nIsolated = 0;
        boolean knn = config.mode() == GraphConfig.Mode.K_NEAREST;
        int k = config.maxNeighbors();
        int[] ra = new int[3], rb = new int[3], rc = new int[3];
        for (int i = 0; i < n; i++) {
            cN = 0;
            int bin = binOf[i];
            int bcI = bin % nbc, bbI = (bin / nbc) % nbb, baI = bin / (nbc * nbb);
            int na = axisBins(baI, nba, ra), nbn = axisBins(bbI, nbb, rb), nc = axisBins(bcI, nbc, rc);
            double xi = qx[i], yi = qy[i], zi = qz[i];
            int si0 = shift[3 * i], si1 = shift[3 * i + 1], si2 = shift[3 * i + 2];
            for (int ia = 0; ia < na; ia++) {
                for (int ib = 0; ib < nbn; ib++) {
                    for (int ic = 0; ic < nc; ic++) {
                        int nbBin = (ra[ia] * nbb + rb[ib]) * nbc + rc[ic];
                        for (int p = binStart[nbBin], pEnd = binStart[nbBin + 1]; p < pEnd; p++) {
                            int j = binAtoms[p];
                            double dx = qx[j] - xi, dy = qy[j] - yi, dz = qz[j] - zi;
                            int d0 = si0 - shift[3 * j], d1 = si1 - shift[3 * j + 1], d2 = si2 - shift[3 * j + 2];
                            int ncLo = (int) Math.ceil((-rs - dz) / c3), ncHi = (int) Math.floor((rs - dz) / c3);
                            for (int tc = ncLo; tc <= ncHi; tc++) {
                                double z = dz + tc * c3;
                                double rem = rs2 - z * z;
                                if (rem < 0) {
                                    continue;
                                }
                                double sq = Math.sqrt(rem);
                                double y0 = dy + tc * c2;
                                int nbLo = (int) Math.ceil((-sq - y0) / lb), nbHi = (int) Math.floor((sq - y0) / lb);
                                for (int tb = nbLo; tb <= nbHi; tb++) {
                                    double y = y0 + tb * lb;
                                    double rem2 = rem - y * y;
                                    if (rem2 < 0) {
                                        continue;
                                    }
                                    double sq2 = Math.sqrt(rem2);
                                    double x0 = dx + tc * c1 + tb * b1;
                                    int naLo = (int) Math.ceil((-sq2 - x0) / la);
                                    int naHi = (int) Math.floor((sq2 - x0) / la);
                                    for (int ta = naLo; ta <= naHi; ta++) {
                                        if (j == i && ta == 0 && tb == 0 && tc == 0) {
                                            continue;
                                        }
                                        int n0 = ta + d0, n1 = tb + d1, n2 = tc + d2;
                                        double fx = (frac[3 * j] - frac[3 * i]) + n0;
                                        double fy = (frac[3 * j + 1] - frac[3 * i + 1]) + n1;
                                        double fz = (frac[3 * j + 2] - frac[3 * i + 2]) + n2;
                                        double vx = fx * m[0] + fy * m[3] + fz * m[6];
                                        double vy = fx * m[1] + fy * m[4] + fz * m[7];
                                        double vz = fx * m[2] + fy * m[5] + fz * m[8];
                                        double d2sq = vx * vx + vy * vy + vz * vz;
                                        if (d2sq > rKeep2) {
                                            continue;
                                        }
                                        double d = Math.sqrt(d2sq);
                                        if (d < SELF_TOLERANCE) {
                                            throw GraphBuildException.coincident(id, i, j, new int[] {n0, n1, n2}, d);
                                        }
                                        addCandidate(j, n0, n1, n2, d, vx, vy, vz);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if (cN == 0) {
                if (nIsolated == isolated.length) {
                    isolated = Arrays.copyOf(isolated, 2 * nIsolated);
                }
                isolated[nIsolated++] = i;
                continue;
            }
            sortCandidates();
            int keep = knn ? Math.min(k, cN) : cN;
            emit(i, keep);
        }
        if (nIsolated > 0 && !config.allowIsolatedSites()) {
            throw GraphBuildException.isolated(id, Arrays.copyOf(isolated, nIsolated), cutoff);
        }
        return new CrystalGraph(id, atomicNumbers.clone(), Arrays.copyOf(oSrc, oN), Arrays.copyOf(oDst, oN),
                Arrays.copyOf(oImg, 3 * oN), Arrays.copyOf(oDist, oN), Arrays.copyOf(oVec, 3 * oN));
    }

    private static double norm(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static int binsAlong(double width, double r) {
        double b = Math.floor(width / r);
        return (int) Math.max(1, Math.min(b, 1 << 10));
    }

    /** The bins to scan along one axis: all of them when there are at most 3, else b-1, b, b+1 cyclically. */
    private static int axisBins(int b, int nb, int[] out) {
        if (nb <= 3) {
            for (int t = 0; t < nb; t++) {
                out[t] = t;
            }
            return nb;
        }
        out[0] = b == 0 ? nb - 1 : b - 1;
        out[1] = b;
        out[2] = b == nb - 1 ? 0 : b + 1;
        return 3;
    }

    private void ensureSites(int n) {
        if (qx.length < n) {
            int cap = Math.max(n, 2 * qx.length);
            qx = new double[cap];
            qy = new double[cap];
            qz = new double[cap];
            shift = new int[3 * cap];
            binOf = new int[cap];
            binAtoms = new int[cap];
        }
    }

    private void addCandidate(int j, int n0, int n1, int n2, double d, double vx, double vy, double vz) {
        if (cN == cDst.length) {
            int cap = 2 * cN;
            if (cap > LOCAL_MASK) {
                throw new IllegalStateException("more than " + LOCAL_MASK + " neighbours of one site");
            }
            cDst = Arrays.copyOf(cDst, cap);
            cImg = Arrays.copyOf(cImg, 3 * cap);
            cDist = Arrays.copyOf(cDist, cap);
            cVec = Arrays.copyOf(cVec, 3 * cap);
            cKey = new long[cap];
            order = new int[cap];
        }
        cDst[cN] = j;
        cImg[3 * cN] = n0;
        cImg[3 * cN + 1] = n1;
        cImg[3 * cN + 2] = n2;
        cDist[cN] = d;
        cVec[3 * cN] = vx;
        cVec[3 * cN + 1] = vy;
        cVec[3 * cN + 2] = vz;
        cN++;
    }

    /** Orders the candidates of one centre: quantised distance, neighbour index, image (see class doc). */
    private void sortCandidates() {
        for (int e = 0; e < cN; e++) {
            cKey[e] = (Math.round(cDist[e] / DISTANCE_QUANTUM) << LOCAL_BITS) | e;
        }
        Arrays.sort(cKey, 0, cN);
        for (int e = 0; e < cN; e++) {
            order[e] = (int) (cKey[e] & LOCAL_MASK);
        }
        // runs of equal quantised distance: insertion sort by (neighbour, image)
        int start = 0;
        while (start < cN) {
            long q = cKey[start] >>> LOCAL_BITS;
            int end = start + 1;
            while (end < cN && (cKey[end] >>> LOCAL_BITS) == q) {
                end++;
            }
            if (end - start > 1) {
                for (int a = start + 1; a < end; a++) {
                    int x = order[a];
                    int b = a - 1;
                    while (b >= start && compareTie(order[b], x) > 0) {
                        order[b + 1] = order[b];
                        b--;
                    }
                    order[b + 1] = x;
                }
            }
            start = end;
        }
    }

    private int compareTie(int a, int b) {
        int c = Integer.compare(cDst[a], cDst[b]);
        for (int t = 0; c == 0 && t < 3; t++) {
            c = Integer.compare(cImg[3 * a + t], cImg[3 * b + t]);
        }
        return c;
    }

    private void emit(int centre, int keep) {
        if (oN + keep > oSrc.length) {
            int cap = Math.max(oN + keep, 2 * oSrc.length);
            oSrc = Arrays.copyOf(oSrc, cap);
            oDst = Arrays.copyOf(oDst, cap);
            oImg = Arrays.copyOf(oImg, 3 * cap);
            oDist = Arrays.copyOf(oDist, cap);
            oVec = Arrays.copyOf(oVec, 3 * cap);
        }
        for (int t = 0; t < keep; t++) {
            int e = order[t];
            int o = oN + t;
            oSrc[o] = centre;
            oDst[o] = cDst[e];
            oImg[3 * o] = cImg[3 * e];
            oImg[3 * o + 1] = cImg[3 * e + 1];
            oImg[3 * o + 2] = cImg[3 * e + 2];
            oDist[o] = cDist[e];
            oVec[3 * o] = cVec[3 * e];
            oVec[3 * o + 1] = cVec[3 * e + 1];
            oVec[3 * o + 2] = cVec[3 * e + 2];
        }
        oN += keep;
    }
}
