package org.unate.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.unate.crystal.CrystalRecord;
import org.unate.data.AtomicFiles;

/**
 * A train / validation / test partition of record ids.
 * <p>The JSON file format (the one the Python peers write, see {@code docs/results-format.md}) is an object with three
 * arrays of id strings, {@code "train"}, {@code "val"}, {@code "test"}, plus any other keys (the peers write
 * {@code property}, {@code seed}, {@code rule}); other keys are kept in {@link #extra()} and written back unchanged.
 * <p>Invariants: no id occurs twice, within a list or across lists. Lists keep their order (the order of the file, or
 * the order of the seeded permutation for {@link #random}).
 *
 * @param train ids to train on
 * @param val   ids for model selection (early stopping, best epoch)
 * @param test  ids for the reported metrics
 * @param extra other top-level keys of the split file, in file order; values are JSON-compatible objects
 */
public record Split(List<String> train, List<String> val, List<String> test, Map<String, Object> extra) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Number of hex digits of {@link #hash()}. */
    public static final int HASH_HEX_DIGITS = 16;

    /** Describes {@link #random}'s algorithm; written as {@code "rule"} by {@link #ofLabelled}. */
    public static final String JAVA_RULE = "Fisher-Yates shuffle with java.util.SplittableRandom(seed) over the labelled "
            + "records in file order (for i = n-1..1: swap(i, nextInt(i+1))); first rint(trainFraction*n) train, "
            + "next rint(valFraction*n) val, rest test (rint = round half to even)";

    public Split {
        train = List.copyOf(train);
        val = List.copyOf(val);
        test = List.copyOf(test);
        // values as they read back from JSON (longs that fit become ints, floats doubles), so a split equals itself
        // after a write and read
        Map<String, Object> e = new LinkedHashMap<>();
        extra.forEach((k, v) -> {
            try {
                e.put(k, JSON.readValue(JSON.writeValueAsString(v), Object.class));
            } catch (IOException ex) {
                throw new IllegalArgumentException("split key '" + k + "' is not serialisable as JSON", ex);
            }
        });
        extra = java.util.Collections.unmodifiableMap(e);
        Set<String> seen = new HashSet<>();
        checkUnique(train, "train", seen);
        checkUnique(val, "val", seen);
        checkUnique(test, "test", seen);
    }

    private static void checkUnique(List<String> ids, String list, Set<String> seen) {
        for (String id : ids) {
            Objects.requireNonNull(id, "null id in " + list);
            if (!seen.add(id)) {
                throw new IllegalArgumentException("id '" + id + "' occurs more than once (second time in " + list
                        + "): train, val and test must be disjoint lists of unique ids");
            }
        }
    }

    /** A split with no extra keys. */
    public static Split of(List<String> train, List<String> val, List<String> test) {
        return new Split(train, val, test, Map.of());
    }

    /**
     * A seeded random split of {@code ids} (in the order given): Fisher-Yates shuffle with
     * {@code new SplittableRandom(seed)} (for {@code i = n-1} down to 1, swap element {@code i} with element
     * {@code nextInt(i + 1)}), then the first {@code rint(trainFraction * n)} ids are train, the next
     * {@code rint(valFraction * n)} val, the rest test ({@code rint} rounds half to even, like Python's {@code round}).
     * Lists keep the shuffled order. Same ids, fractions and seed give the same split on any JVM.
     *
     * @throws IllegalArgumentException if the fractions are negative or sum to more than 1, or ids repeat
     */
    public static Split random(List<String> ids, double trainFraction, double valFraction, long seed) {
        if (!(trainFraction >= 0) || !(valFraction >= 0) || trainFraction + valFraction > 1.0 + 1e-12) {
            throw new IllegalArgumentException("need trainFraction >= 0, valFraction >= 0 and their sum <= 1, got "
                    + trainFraction + " and " + valFraction);
        }
        List<String> perm = shuffled(ids, seed);
        int n = perm.size();
        int nTrain = (int) Math.rint(trainFraction * n);
        int nVal = Math.min((int) Math.rint(valFraction * n), n - nTrain);
        return of(perm.subList(0, nTrain), perm.subList(nTrain, nTrain + nVal), perm.subList(nTrain + nVal, n));
    }

    /** A copy of {@code ids} shuffled by Fisher-Yates with {@code new SplittableRandom(seed)} (see {@link #random}). */
    static List<String> shuffled(List<String> ids, long seed) {
        List<String> perm = new ArrayList<>(ids);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = perm.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = perm.get(i);
            perm.set(i, perm.get(j));
            perm.set(j, t);
        }
        return perm;
    }

    /**
     * {@link #random} over the records that have a label for {@code property}, in the order given (file order);
     * records without the label are left out. The split's extras record {@code property}, {@code seed},
     * {@code fractions} and the {@code rule}.
     */
    public static Split ofLabelled(List<CrystalRecord> records, String property, double trainFraction,
                                   double valFraction, long seed) {
        List<String> ids = new ArrayList<>();
        for (CrystalRecord r : records) {
            if (r.label(property).isPresent()) {
                ids.add(r.id());
            }
        }
        return ofLabelledIds(ids, property, trainFraction, valFraction, seed);
    }

    /**
     * {@link #ofLabelled} from the ids of the labelled records, in file order: the same split and extras.
     */
    public static Split ofLabelledIds(List<String> ids, String property, double trainFraction, double valFraction,
                                      long seed) {
        Split s = random(ids, trainFraction, valFraction, seed);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("property", property);
        extra.put("seed", seed);
        extra.put("fractions", List.of(trainFraction, valFraction,
                Math.round((1.0 - trainFraction - valFraction) * 1e12) / 1e12));
        extra.put("rule", JAVA_RULE);
        return new Split(s.train, s.val, s.test, extra);
    }

    /** Every id of the three lists. */
    public Set<String> ids() {
        Set<String> all = new HashSet<>(size() * 2);
        all.addAll(train);
        all.addAll(val);
        all.addAll(test);
        return all;
    }

    /** The split without {@code ids} (each list keeps its order; extra keys kept). */
    public Split without(Set<String> ids) {
        return new Split(train.stream().filter(x -> !ids.contains(x)).toList(),
                val.stream().filter(x -> !ids.contains(x)).toList(),
                test.stream().filter(x -> !ids.contains(x)).toList(), extra);
    }

    /** Total number of ids. */
    public int size() {
        return train.size() + val.size() + test.size();
    }

    /** A copy with other extra keys. */
    public Split withExtra(Map<String, Object> newExtra) {
        return new Split(train, val, test, newExtra);
    }

    /**
     * Checks that every id is one of {@code known} (the ids of the dataset the split is used with).
     *
     * @param source where the split came from (a file name), for the message
     * @throws IllegalArgumentException naming the first unknown id (train, then val, then test), its list, the
     *                                  source and how many ids are unknown in all
     */
    public Split requireKnown(Collection<String> known, String source) {
        Set<String> set = known instanceof Set<String> s ? s : new HashSet<>(known);
        String first = null;
        String firstList = null;
        int unknown = 0;
        for (Map.Entry<String, List<String>> e : lists().entrySet()) {
            for (String id : e.getValue()) {
                if (!set.contains(id)) {
                    unknown++;
                    if (first == null) {
                        first = id;
                        firstList = e.getKey();
                    }
                }
            }
        }
        if (first != null) {
            throw new IllegalArgumentException(source + ": id '" + first + "' in \"" + firstList
                    + "\" is not a record of the dataset (" + unknown + " of " + size() + " split ids unknown)");
        }
        return this;
    }

    /** The three lists by their JSON names, in the order train, val, test. */
    public Map<String, List<String>> lists() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("val", val);
        m.put("test", test);
        return m;
    }

    /**
     * A stable identifier of the partition, independent of list order and extras: the first {@value #HASH_HEX_DIGITS}
     * hex digits of the SHA-256 of the UTF-8 canonical JSON {@code {"test":[...],"train":[...],"val":[...]}} with
     * each list sorted (String order) and no whitespace. Records with the same hash were trained and tested on the same
     * partition and can be paired.
     */
    public String hash() {
        ObjectNode root = JSON.createObjectNode();
        for (String key : List.of("test", "train", "val")) {
            ArrayNode a = root.putArray(key);
            lists().get(key).stream().sorted().forEach(a::add);
        }
        try {
            byte[] canonical = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash split", e);
        }
    }

    /**
     * Reads a split file.
     *
     * @throws IllegalArgumentException naming the file if it is not an object with arrays of strings
     *                                  {@code train}, {@code val}, {@code test}, or if ids repeat
     */
    public static Split read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read split file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object with \"train\", \"val\", \"test\" arrays");
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("train") || key.equals("val") || key.equals("test")) {
                lists.put(key, idList(e.getValue(), file, key));
            } else {
                extra.put(key, JSON.convertValue(e.getValue(), Object.class));
            }
        }
        for (String key : List.of("train", "val", "test")) {
            if (!lists.containsKey(key)) {
                throw new IllegalArgumentException(file + ": missing \"" + key + "\" (expected arrays \"train\", "
                        + "\"val\", \"test\" of record-id strings)");
            }
        }
        try {
            return new Split(lists.get("train"), lists.get("val"), lists.get("test"), extra);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> idList(JsonNode arr, Path file, String key) {
        if (!arr.isArray()) {
            throw new IllegalArgumentException(file + ": \"" + key + "\" must be an array of id strings, got " + arr.getNodeType());
        }
        List<String> ids = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode x = arr.get(i);
            if (!x.isTextual()) {
                throw new IllegalArgumentException(file + ": \"" + key + "\"[" + i + "] must be an id string, got " + x);
            }
            ids.add(x.asText());
        }
        return ids;
    }

    /** Writes the split as one JSON object: the extra keys first (in their order), then train, val, test. Atomic. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        lists().forEach((k, ids) -> {
            ArrayNode a = root.putArray(k);
            ids.forEach(a::add);
        });
        AtomicFiles.writeJson(file, root, false);
    }

    @Override
    public String toString() {
        return "Split(train " + train.size() + ", val " + val.size() + ", test " + test.size() + ", hash " + hash() + ")";
    }
}
