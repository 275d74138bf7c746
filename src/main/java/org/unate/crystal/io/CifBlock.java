package org.unate.crystal.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One CIF data block: its name (after {@code data_}), single-valued items and loops. Tags are matched without regard
 * to case, as CIF requires.
 */
public final class CifBlock {
    private final String name;
    private final int line;
    private final Map<String, CifValue> items = new LinkedHashMap<>();
    private final Map<String, Integer> duplicateLines = new LinkedHashMap<>();
    private final Map<String, CifLoop> loopByTag = new LinkedHashMap<>();
    private final List<CifLoop> loops = new java.util.ArrayList<>();

    CifBlock(String name, int line) {
        this.name = name;
        this.line = line;
    }

    void put(String tag, CifValue v) {
        if (items.containsKey(tag) || loopByTag.containsKey(tag)) {
            duplicateLines.putIfAbsent(tag, v.line());
        } else {
            items.put(tag, v);
        }
    }

    void add(CifLoop loop) {
        loops.add(loop);
        for (String t : loop.tags()) {
            if (items.containsKey(t) || loopByTag.containsKey(t)) {
                duplicateLines.putIfAbsent(t, loop.line());
            } else {
                loopByTag.put(t, loop);
            }
        }
    }

    /** The block name, as written after {@code data_}. */
    public String name() {
        return name;
    }

    /** Line of the {@code data_} header. */
    public int line() {
        return line;
    }

    /**
     * The single value of {@code tag}, or empty when the tag is absent or is a loop column.
     *
     * @throws CrystalParseException when the tag is defined twice in this block
     */
    public Optional<CifValue> value(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        checkUnique(t);
        return Optional.ofNullable(items.get(t));
    }

    /**
     * The loop that has {@code tag} as a column, or empty.
     *
     * @throws CrystalParseException when the tag is defined twice in this block
     */
    public Optional<CifLoop> loop(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        checkUnique(t);
        return Optional.ofNullable(loopByTag.get(t));
    }

    /** Whether the tag occurs, as an item or a loop column. */
    public boolean has(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        return items.containsKey(t) || loopByTag.containsKey(t);
    }

    public List<CifLoop> loops() {
        return Collections.unmodifiableList(loops);
    }

    /** Single-valued items, tags lower case, in file order. */
    public Map<String, CifValue> items() {
        return Collections.unmodifiableMap(items);
    }

    private void checkUnique(String t) {
        Integer dup = duplicateLines.get(t);
        if (dup != null) {
            throw new CrystalParseException(CrystalParseException.Reason.SYNTAX, dup,
                    "tag " + t + " is defined twice in data block '" + Text.clip(name) + "'; expected it once");
        }
    }
}
