package org.unate.graph;

import java.util.List;

/**
 * What a bulk graph build did: how many records it read and built, and which it skipped and why.
 *
 * @param recordsRead records taken from the input
 * @param built       graphs built (= recordsRead - skipped.size())
 * @param skipped     skipped records in input order
 */
public record BuildReport(int recordsRead, int built, List<Skipped> skipped) {
    public BuildReport {
        skipped = List.copyOf(skipped);
    }

    /**
     * One record that gave no graph.
     *
     * @param position 0-based position of the record in the input
     * @param id       record id
     * @param reason   the error message (names the record and the sites at fault)
     */
    public record Skipped(int position, String id, String reason) {
    }

    /** One line: "BuildReport[998 of 1000 graphs built, 2 skipped: 17, 42]" (the first ids skipped, at most five). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("BuildReport[").append(headline());
        for (int i = 0; i < Math.min(5, skipped.size()); i++) {
            b.append(i == 0 ? ": " : ", ").append(skipped.get(i).id());
        }
        return b.append(skipped.size() > 5 ? ", ...]" : "]").toString();
    }

    /** "998 of 1000 graphs built, 2 skipped". */
    public String headline() {
        return built + " of " + recordsRead + " graphs built, " + skipped.size() + " skipped";
    }

    /** One line per skipped record, at most {@code max}, for logs. */
    public String summary(int max) {
        StringBuilder b = new StringBuilder(headline());
        for (int i = 0; i < Math.min(max, skipped.size()); i++) {
            Skipped s = skipped.get(i);
            b.append("\n  #").append(s.position()).append(" ").append(s.id()).append(": ").append(s.reason());
        }
        if (skipped.size() > max) {
            b.append("\n  ...");
        }
        return b.toString();
    }
}
