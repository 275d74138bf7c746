package org.unate.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into runs of Java source and line magics, in order.
 *
 * <p>A line magic is a line of the form {@code %name args...} ({@code name} starts with a letter) that is not inside an
 * unfinished Java statement, so a continuation line such as {@code % b} or {@code %b} in the middle of an expression
 * stays Java. A first line starting with {@code %%} is a cell magic (none are supported).
 */
final class CellSource {

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z][\\w.-]*)(?:\\s+(.*?))?\\s*$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z][\\w.-]*).*$");

    /** A run of source or one magic line; {@code firstLine} is 1-based within the cell. */
    record Segment(Kind kind, String text, String magicName, String magicArgs, int firstLine) {
    }

    enum Kind { CODE, LINE_MAGIC }

    private CellSource() {
    }

    /** The cell magic name if the cell's first non-blank line is {@code %%name}, else null. */
    static String cellMagicName(String cell) {
        for (String line : cell.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = CELL_MAGIC.matcher(line);
            return m.matches() ? m.group(1) : null;
        }
        return null;
    }

    /**
     * Splits {@code cell}.
     *
     * @param insideStatement true if the given pending Java source ends inside an unfinished statement
     */
    static List<Segment> split(String cell, Predicate<String> insideStatement) {
        List<Segment> out = new ArrayList<>();
        String[] lines = cell.split("\n", -1);
        List<String> code = new ArrayList<>();
        int codeStart = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE_MAGIC.matcher(lines[i]);
            String pending = String.join("\n", code);
            boolean magic = m.matches() && (pending.isBlank() || !insideStatement.test(pending));
            if (magic) {
                if (!pending.isBlank()) {
                    out.add(new Segment(Kind.CODE, pending, null, null, codeStart));
                }
                code.clear();
                String args = m.group(2) == null ? "" : m.group(2);
                out.add(new Segment(Kind.LINE_MAGIC, lines[i], m.group(1), args, i + 1));
                codeStart = i + 2;
            } else {
                code.add(lines[i]);
            }
        }
        String pending = String.join("\n", code);
        if (!pending.isBlank()) {
            out.add(new Segment(Kind.CODE, pending, null, null, codeStart));
        }
        return out;
    }

    /** Splits magic arguments on whitespace; single or double quotes group, backslash escapes the next character. */
    static List<String> splitArgs(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\' && i + 1 < args.length()) {
                cur.append(args.charAt(++i));
                inToken = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
