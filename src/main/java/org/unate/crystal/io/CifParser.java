package org.unate.crystal.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * CIF 1.1 syntax: text to data blocks, items and loops. No crystallography here (see {@link CifReader}).
 *
 * <p>Accepted: {@code data_} blocks, {@code loop_}, tags, unquoted values, single- and double-quoted values (a quote
 * closes only when followed by white space or the end of the line, so {@code 'O'Brien'} is one value), text fields
 * between lines starting with {@code ;}, {@code #} comments. Free text before the first {@code data_} line (such as the
 * {@code CIF file written using JARVIS-Tools package.} line that JARVIS puts first) is ignored, unless it holds a tag
 * or {@code loop_}, which would mean a block header is missing. Refused with {@link Reason#SYNTAX}: a value with no
 * tag, a tag without a value, an empty loop, a loop whose value count is not a multiple of its column count, an
 * unclosed quote or text field, {@code save_} frames and {@code global_} / {@code stop_} (dictionary features).
 */
public final class CifParser {
    private CifParser() {
    }

    private enum Tok { TAG, VALUE, LOOP, DATA, SAVE, GLOBAL, STOP, EOF }

    /**
     * Every data block of a CIF text, in file order.
     *
     * @throws CrystalParseException (reason SYNTAX) with the line of the problem; the source is left unset
     */
    public static List<CifBlock> parse(String text) {
        return new Lexer(text).blocks();
    }

    private static final class Lexer {
        private final String s;
        private final int n;
        private int pos;
        private int line = 1;
        // current token
        private Tok tok;
        private String text;
        private boolean quoted;
        private int tokLine;
        private boolean pushedBack;

        Lexer(String s) {
            this.s = s;
            this.n = s.length();
        }

        List<CifBlock> blocks() {
            skipPreamble();
            List<CifBlock> out = new ArrayList<>();
            CifBlock block = null;
            while (true) {
                next();
                switch (tok) {
                    case EOF -> {
                        return out;
                    }
                    case DATA -> {
                        block = new CifBlock(text, tokLine);
                        out.add(block);
                    }
                    case TAG -> {
                        String tag = text;
                        int tagLine = tokLine;
                        if (block == null) {
                            throw err(tagLine, "tag " + tag + " before any data_ block header");
                        }
                        next();
                        if (tok != Tok.VALUE) {
                            throw err(tagLine, "expected a value after tag " + tag + ", found "
                                    + describeToken());
                        }
                        block.put(tag, new CifValue(text, quoted, tokLine));
                    }
                    case LOOP -> {
                        if (block == null) {
                            throw err(tokLine, "loop_ before any data_ block header");
                        }
                        block.add(loop(tokLine));
                    }
                    case VALUE -> throw err(tokLine, "unexpected value '" + Text.clip(text)
                            + "' (not after a tag or inside a loop)");
                    case SAVE -> throw err(tokLine, "save_ frames belong to CIF dictionaries; expected a data file");
                    case GLOBAL, STOP -> throw err(tokLine, "'" + text + "' is reserved in CIF 1.1; expected data_,"
                            + " loop_, a tag or a value");
                    default -> throw new IllegalStateException();
                }
            }
        }

        private CifLoop loop(int loopLine) {
            List<String> tags = new ArrayList<>();
            while (true) {
                next();
                if (tok != Tok.TAG) {
                    break;
                }
                tags.add(text);
            }
            if (tags.isEmpty()) {
                throw err(loopLine, "expected tags after loop_, found " + describeToken());
            }
            List<CifValue> values = new ArrayList<>();
            while (tok == Tok.VALUE) {
                values.add(new CifValue(text, quoted, tokLine));
                next();
            }
            pushedBack = true;
            if (values.isEmpty()) {
                throw err(loopLine, "loop_ with columns " + tagsPreview(tags) + " has no values");
            }
            if (values.size() % tags.size() != 0) {
                int last = values.get(values.size() - 1).line();
                throw err(last, "loop_ at line " + loopLine + " with " + tags.size() + " columns "
                        + tagsPreview(tags) + " has " + values.size() + " values, not a multiple of "
                        + tags.size() + " (a value missing or extra in some row?)");
            }
            return new CifLoop(tags, values.toArray(new CifValue[0]), loopLine);
        }

        private static String tagsPreview(List<String> tags) {
            return tags.size() <= 3 ? tags.toString() : "[" + tags.get(0) + ", " + tags.get(1) + ", ...]";
        }

        private String describeToken() {
            return switch (tok) {
                case EOF -> "the end of the text";
                case TAG -> "tag " + text;
                case LOOP -> "loop_";
                case DATA -> "data_" + Text.clip(text);
                default -> "'" + Text.clip(text) + "'";
            };
        }

        private CrystalParseException err(int ln, String msg) {
            return new CrystalParseException(Reason.SYNTAX, ln, msg);
        }

        /** Skip lines before the first line that starts (after blanks) with data_, refusing tags and loops there. */
        private void skipPreamble() {
            int p = 0;
            int ln = 1;
            while (p < n) {
                int e = p;
                while (e < n && s.charAt(e) != '\n' && s.charAt(e) != '\r') {
                    e++;
                }
                int b = p;
                while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
                    b++;
                }
                if (startsWithIgnoreCase(b, "data_")) {
                    pos = p;
                    line = ln;
                    return;
                }
                if (b < e && s.charAt(b) != '#'
                        && (s.charAt(b) == '_' || startsWithIgnoreCase(b, "loop_"))) {
                    throw err(ln, "expected a data_ block header before '" + Text.clip(s.substring(b, e)) + "'");
                }
                // next line; \r\n counts once
                if (e < n && s.charAt(e) == '\r' && e + 1 < n && s.charAt(e + 1) == '\n') {
                    e++;
                }
                p = e + 1;
                ln++;
            }
            throw err(0, "expected a data_ block header; the text has none");
        }

        private boolean startsWithIgnoreCase(int at, String prefix) {
            return s.regionMatches(true, at, prefix, 0, prefix.length());
        }

        private boolean atLineStart(int p) {
            return p == 0 || s.charAt(p - 1) == '\n' || s.charAt(p - 1) == '\r';
        }

        private void newline(int p) {
            // count \r\n once, lone \r or \n once
            char c = s.charAt(p);
            if (c == '\n' || (c == '\r' && (p + 1 >= n || s.charAt(p + 1) != '\n'))) {
                line++;
            }
        }

        private void next() {
            if (pushedBack) {
                pushedBack = false;
                return;
            }
            // skip white space and comments
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n' || c == '\r') {
                    newline(pos);
                    pos++;
                } else if (c == ' ' || c == '\t' || c == '\f' || c == 0x0b) {
                    pos++;
                } else if (c == '#') {
                    while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
            quoted = false;
            tokLine = line;
            if (pos >= n) {
                tok = Tok.EOF;
                text = null;
                return;
            }
            char c = s.charAt(pos);
            if (c == ';' && atLineStart(pos)) {
                textField();
                return;
            }
            if (c == '\'' || c == '"') {
                quotedString(c);
                return;
            }
            int start = pos;
            while (pos < n && !isSpace(s.charAt(pos))) {
                pos++;
            }
            String word = s.substring(start, pos);
            char lc = (char) (c | 0x20); // ASCII lower case; reserved words start with d, l, s or g
            if (c == '_') {
                tok = Tok.TAG;
                text = word.toLowerCase(Locale.ROOT);
            } else if (lc != 'd' && lc != 'l' && lc != 's' && lc != 'g') {
                tok = Tok.VALUE;
                text = word;
            } else if (word.regionMatches(true, 0, "data_", 0, 5)) {
                tok = Tok.DATA;
                text = word.substring(5);
                if (text.isEmpty()) {
                    throw err(tokLine, "expected a block name after data_");
                }
            } else if (word.equalsIgnoreCase("loop_")) {
                tok = Tok.LOOP;
                text = word;
            } else if (word.regionMatches(true, 0, "save_", 0, 5)) {
                tok = Tok.SAVE;
                text = word;
            } else if (word.equalsIgnoreCase("global_")) {
                tok = Tok.GLOBAL;
                text = word;
            } else if (word.equalsIgnoreCase("stop_")) {
                tok = Tok.STOP;
                text = word;
            } else {
                tok = Tok.VALUE;
                text = word;
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
        }

        private void quotedString(char q) {
            int start = pos + 1;
            int p = start;
            while (true) {
                if (p >= n || s.charAt(p) == '\n' || s.charAt(p) == '\r') {
                    throw err(tokLine, "quoted string starting " + q + Text.clip(s.substring(start, Math.min(p, n)))
                            + " is not closed on its line; expected a closing " + q
                            + " followed by a space or line end");
                }
                if (s.charAt(p) == q && (p + 1 >= n || isSpace(s.charAt(p + 1)))) {
                    break;
                }
                p++;
            }
            tok = Tok.VALUE;
            text = s.substring(start, p);
            quoted = true;
            pos = p + 1;
        }

        private void textField() {
            int open = tokLine;
            int start = pos + 1;
            int p = start;
            // the field ends at the next line that starts with ';'
            while (true) {
                while (p < n && s.charAt(p) != '\n' && s.charAt(p) != '\r') {
                    p++;
                }
                if (p >= n) {
                    throw err(open, "text field opened with ';' is not closed; expected a line starting with ';'");
                }
                int eol = p;
                newline(p);
                if (s.charAt(p) == '\r' && p + 1 < n && s.charAt(p + 1) == '\n') {
                    p++;
                }
                p++;
                if (p < n && s.charAt(p) == ';') {
                    tok = Tok.VALUE;
                    text = s.substring(start, eol);
                    quoted = true;
                    pos = p + 1;
                    return;
                }
            }
        }
    }
}
