package io.xrayagent.instrumentation.jdbc;

/**
 * Turns SQL into what X-Ray's {@code sanitized_query} promises: the statement's shape without its values.
 * A small lexer, not a parser: string, numeric, hex, bit and boolean literals become {@code ?}, comments are
 * dropped, runs of whitespace become one space, {@code IN (?, ?, ?)} becomes {@code IN (?)}, and the result is
 * capped. Whatever it cannot close (an unterminated string or comment) is dropped to the end rather than
 * copied, so a value never leaks through malformed SQL.
 */
final class SqlSanitizer {
    /** Characters kept; Hibernate's longest generated selects fit, and a trace keeps room for others. */
    static final int MAX_LENGTH = 2048;
    /** Characters read at most: beyond this the statement is cut, however much its IN lists would shrink. */
    static final int MAX_SCAN = 64 * 1024;
    static final String CUT = "...";

    private final String sql;
    private final int end;
    private final SqlDialect dialect;
    private final StringBuilder out;
    private int pos;
    private boolean space;
    /** The previous token was the keyword IN: a "(" now opens a list that may collapse. */
    private boolean afterIn;
    /** Inside IN ( ... ) holding only placeholders so far: only the first is written. */
    private boolean inList;
    private int listStart;
    private int listCount;
    private boolean listExpectsValue;

    private SqlSanitizer(String sql, SqlDialect dialect) {
        this.sql = sql;
        this.end = Math.min(sql.length(), MAX_SCAN);
        this.dialect = dialect;
        this.out = new StringBuilder(Math.min(end, MAX_LENGTH) + 8);
    }

    static String sanitize(String sql, SqlDialect dialect) {
        if (sql == null) {
            return null;
        }
        return new SqlSanitizer(sql, dialect).run();
    }

    private String run() {
        while (pos < end && out.length() < MAX_LENGTH) {
            step();
        }
        boolean scanCut = end < sql.length() && pos >= end;
        boolean cut = scanCut || pos < end;
        if (inList) {
            // A list the scan limit cut off is still a list of values: it stays collapsed.
            inList = false;
            if (!scanCut) {
                flushList();
            }
        }
        if (out.length() > MAX_LENGTH) {
            return capped(out);
        }
        if (cut) {
            out.append(CUT);
        }
        return out.toString();
    }

    /** At most {@link #MAX_LENGTH} characters, never half of one, and the marker when something was cut. */
    static String capped(StringBuilder text) {
        if (text.length() <= MAX_LENGTH) {
            return text.toString();
        }
        int keep = MAX_LENGTH;
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        text.setLength(keep);
        return text.append(CUT).toString();
    }

    private void step() {
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
            pos++;
            space = true;
        } else if (c == '-' && next(1) == '-' && (!dialect.hashComments || dashCommentInMysql())) {
            skipLine();
        } else if (c == '#' && dialect.hashComments) {
            skipLine();
        } else if (c == '/' && next(1) == '*') {
            skipBlockComment();
        } else if (c == '\'') {
            pos = skipQuoted(pos, '\'', dialect.backslashEscapes);
            placeholder();
        } else if (c == '"') {
            if (dialect.doubleQuotedStrings) {
                pos = skipQuoted(pos, '"', true);
                placeholder();
            } else {
                copyQuoted('"');
            }
        } else if (c == '`') {
            copyQuoted('`');
        } else if (c == '$') {
            dollar();
        } else if (isDigit(c) || c == '.' && isDigit(next(1))) {
            number();
        } else if (Character.isLetter(sql.codePointAt(pos)) || c == '_') {
            word();
        } else if (c == '?') {
            pos++;
            placeholder();
        } else {
            punctuation(c);
        }
    }

    /** MySQL takes "--" as a comment only when a space or control character follows. */
    private boolean dashCommentInMysql() {
        char after = next(2);
        return after == 0 || after <= ' ';
    }

    private void skipLine() {
        while (pos < end && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
        space = true;
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < end) {
            char c = sql.charAt(pos);
            if (c == '/' && next(1) == '*') {
                // Only PostgreSQL nests comments; elsewhere "/* /* */" is one comment.
                depth = dialect.postgres || depth == 0 ? depth + 1 : depth;
                pos += 2;
            } else if (c == '*' && next(1) == '/') {
                pos += 2;
                if (--depth == 0) {
                    break;
                }
            } else {
                pos++;
            }
        }
        space = true;
    }

    /** Returns the index after the literal that opens at {@code start}; a doubled quote stays inside. */
    private int skipQuoted(int start, char quote, boolean backslash) {
        int i = start + 1;
        while (i < end) {
            char c = sql.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < end && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return end;
    }

    /** A quoted identifier: a name, not a value, so it is kept as written. */
    private void copyQuoted(char quote) {
        int after = skipQuoted(pos, quote, false);
        if (after >= end && sql.charAt(end - 1) != quote) {
            // Unterminated: what follows may be anything, so none of it is kept.
            pos = end;
            return;
        }
        token();
        out.append(sql, pos, after);
        pos = after;
    }

    /** $1 stays (a parameter); $$...$$ and $tag$...$tag$ are strings. */
    private void dollar() {
        char after = next(1);
        if (isDigit(after)) {
            int i = pos + 1;
            while (i < end && isDigit(sql.charAt(i))) {
                i++;
            }
            token();
            out.append(sql, pos, i);
            pos = i;
            return;
        }
        if (dialect == SqlDialect.MYSQL) {
            punctuation('$');
            return;
        }
        // Tagged dollar quotes are PostgreSQL's; no other dialect starts a name with $, so they are taken
        // as strings everywhere but MySQL rather than risk copying a value.
        int tagEnd = pos + 1;
        while (tagEnd < end && isWordPart(sql.charAt(tagEnd))) {
            tagEnd++;
        }
        if (tagEnd < end && sql.charAt(tagEnd) == '$' && (tagEnd == pos + 1 || !isDigit(sql.charAt(pos + 1)))) {
            String tag = sql.substring(pos, tagEnd + 1);
            int close = sql.indexOf(tag, tagEnd + 1);
            pos = close < 0 || close + tag.length() > end ? end : close + tag.length();
            placeholder();
            return;
        }
        punctuation('$');
    }

    private void number() {
        int i = pos;
        char first = sql.charAt(i);
        char second = next(1);
        if (first == '0' && (second == 'x' || second == 'X') && isHex(charAt(i + 2))) {
            i += 2;
            while (i < end && isHex(sql.charAt(i))) {
                i++;
            }
        } else if (first == '0' && (second == 'b' || second == 'B') && isBinary(charAt(i + 2))) {
            i += 2;
            while (i < end && isBinary(sql.charAt(i))) {
                i++;
            }
        } else {
            while (i < end && isDigit(sql.charAt(i))) {
                i++;
            }
            if (i < end && sql.charAt(i) == '.') {
                i++;
                while (i < end && isDigit(sql.charAt(i))) {
                    i++;
                }
            }
            if (i < end && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                int exponent = i + 1;
                if (exponent < end && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                    exponent++;
                }
                if (exponent < end && isDigit(sql.charAt(exponent))) {
                    i = exponent;
                    while (i < end && isDigit(sql.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        pos = i;
        placeholder();
    }

    private void word() {
        int start = pos;
        int i = pos;
        while (i < end) {
            int cp = sql.codePointAt(i);
            if (!(Character.isLetterOrDigit(cp) || cp == '_' || cp == '$')) {
                break;
            }
            i += Character.charCount(cp);
        }
        int length = i - start;
        char quoteAfter = charAt(i);
        if (quoteAfter == '\'' && isStringPrefix(start, length)) {
            // E'..', B'..', X'..', N'..' and MySQL's _charset'..': the prefix belongs to the value.
            boolean escapes = dialect.backslashEscapes || length == 1 && (sql.charAt(start) | 0x20) == 'e';
            pos = skipQuoted(i, '\'', escapes);
            placeholder();
            return;
        }
        if (length == 1 && (sql.charAt(start) | 0x20) == 'u' && quoteAfter == '&' && charAt(i + 1) == '\'') {
            pos = skipQuoted(i + 1, '\'', false);
            placeholder();
            return;
        }
        pos = i;
        if (isKeyword(start, length, "TRUE") || isKeyword(start, length, "FALSE")) {
            placeholder();
            return;
        }
        token();
        out.append(sql, start, i);
        afterIn = isKeyword(start, length, "IN");
    }

    private boolean isStringPrefix(int start, int length) {
        char first = sql.charAt(start);
        if (length == 1) {
            char lower = (char) (first | 0x20);
            return lower == 'e' || lower == 'b' || lower == 'x' || lower == 'n';
        }
        return first == '_' && dialect == SqlDialect.MYSQL;
    }

    private boolean isKeyword(int start, int length, String keyword) {
        return length == keyword.length() && sql.regionMatches(true, start, keyword, 0, length);
    }

    private void punctuation(char c) {
        pos++;
        if (inList) {
            if (c == ',' && !listExpectsValue) {
                listExpectsValue = true;
                return;
            }
            if (c == ')' && !listExpectsValue) {
                inList = false;
                out.append(')');
                space = false;
                return;
            }
            flushList();
        }
        boolean opensList = c == '(' && afterIn;
        token();
        out.append(c);
        if (opensList) {
            inList = true;
            listStart = out.length();
            listCount = 0;
            listExpectsValue = true;
            space = false;
        }
    }

    /** A value: a literal replaced, or a bind parameter as it was. */
    private void placeholder() {
        if (inList) {
            if (listExpectsValue) {
                listExpectsValue = false;
                if (listCount++ == 0) {
                    out.append('?');
                }
                space = false;
                return;
            }
            flushList();
        }
        token();
        out.append('?');
    }

    /** Something other than a placeholder list: writes back the placeholders the list had held back. */
    private void flushList() {
        inList = false;
        out.setLength(listStart);
        for (int i = 0; i < listCount; i++) {
            out.append(i == 0 ? "?" : ", ?");
        }
        if (listExpectsValue && listCount > 0) {
            out.append(',');
            space = true;
        }
    }

    /** Before any token: the pending space, and a list that cannot collapse any more. */
    private void token() {
        if (inList) {
            flushList();
        }
        if (space && out.length() > 0) {
            out.append(' ');
        }
        space = false;
        afterIn = false;
    }

    private char next(int offset) {
        return charAt(pos + offset);
    }

    private char charAt(int index) {
        return index < end ? sql.charAt(index) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }

    private static boolean isBinary(char c) {
        return c == '0' || c == '1';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
