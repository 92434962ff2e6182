package io.xrayagent.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sanitizer on a corpus of real statements per dialect (src/test/resources/sql-corpus), then edge cases. */
class SqlSanitizerTest {
    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        cases.addAll(read("postgresql.txt", SqlDialect.POSTGRESQL));
        cases.addAll(read("mysql.txt", SqlDialect.MYSQL));
        cases.addAll(read("h2.txt", SqlDialect.STANDARD));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("corpus")
    void corpusStatement(SqlDialect dialect, String sql, String expected) {
        assertEquals(expected, SqlSanitizer.sanitize(sql, dialect));
    }

    @Test
    void theCorpusIsThere() throws IOException {
        assertTrue(read("postgresql.txt", SqlDialect.POSTGRESQL).size() >= 20);
        assertTrue(read("mysql.txt", SqlDialect.MYSQL).size() >= 12);
        assertTrue(read("h2.txt", SqlDialect.STANDARD).size() >= 8);
    }

    @Test
    void aSecretInAnyLiteralNeverSurvivesInAnyDialect() {
        String[] shapes = {
            "SELECT * FROM t WHERE a = '%'", "SELECT * FROM t WHERE a = E'%\\''", "SELECT \"%\"",
            "SELECT $$%$$", "SELECT $q$%$q$", "INSERT INTO t VALUES ('x', '%')", "SELECT N'%'",
            "SELECT 1 -- %", "SELECT 1 /* % */", "SELECT 1 # %", "SELECT 'it''s %'", "SELECT 'a\\'%'",
            "SELECT * FROM t WHERE a IN ('%', 'T')", "SELECT '%", "SELECT /* %",
        };
        for (SqlDialect dialect : SqlDialect.values()) {
            for (String shape : shapes) {
                String sql = shape.replace("%", "hunter2");
                String sanitized = SqlSanitizer.sanitize(sql, dialect);
                // In the standard a "double-quoted" word is a name, # starts no comment, and a backslash
                // escapes nothing ('a\' is a whole string): there the word is outside any literal.
                boolean identifier = dialect != SqlDialect.MYSQL && (shape.equals("SELECT \"%\"")
                        || shape.equals("SELECT 1 # %") || shape.equals("SELECT 'a\\'%'"))
                        // MySQL has no dollar quotes: $$x$$ is a name there, as $ may start one.
                        || dialect == SqlDialect.MYSQL && shape.startsWith("SELECT $");
                assertEquals(identifier, sanitized.contains("hunter2"), dialect + ": " + sql + " -> " + sanitized);
            }
        }
    }

    @Test
    void veryLongSqlIsCappedWithAMarkerAndReadOnlyUpToTheScanLimit() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < 5000; i++) {
            sql.append("column_").append(i).append(", ");
        }
        sql.append("x FROM t WHERE secret = 'hunter2'");
        String sanitized = SqlSanitizer.sanitize(sql.toString(), SqlDialect.STANDARD);
        assertEquals(SqlSanitizer.MAX_LENGTH + SqlSanitizer.CUT.length(), sanitized.length());
        assertTrue(sanitized.startsWith("SELECT column_0, column_1, "), sanitized);
        assertTrue(sanitized.endsWith(SqlSanitizer.CUT));

        StringBuilder longList = new StringBuilder("SELECT * FROM t WHERE id IN (");
        for (int i = 0; i < 100_000; i++) {
            longList.append(i).append(',');
        }
        longList.append("0) AND name = 'hunter2'");
        String collapsed = SqlSanitizer.sanitize(longList.toString(), SqlDialect.POSTGRESQL);
        assertEquals("SELECT * FROM t WHERE id IN (?" + SqlSanitizer.CUT, collapsed,
                "read up to the scan limit only, and the list is still collapsed");
        assertFalse(collapsed.contains("hunter2"));
    }

    @Test
    void aListShorterThanTheCapStaysWholeAfterCollapsing() {
        StringBuilder list = new StringBuilder("DELETE FROM t WHERE id IN (");
        for (int i = 0; i < 3000; i++) {
            list.append(i == 0 ? "" : ", ").append(i);
        }
        list.append(")");
        assertEquals("DELETE FROM t WHERE id IN (?)", SqlSanitizer.sanitize(list.toString(), SqlDialect.MYSQL));
    }

    @Test
    void nonAsciiIdentifiersStayAndTheCapNeverSplitsACharacter() {
        assertEquals("SELECT größe, 名前, \uD835\uDCB3 FROM données WHERE 名前 = ?",
                SqlSanitizer.sanitize("SELECT größe, 名前, \uD835\uDCB3 FROM données WHERE 名前 = '東京'",
                        SqlDialect.POSTGRESQL));
        for (String prefix : new String[] {"SELECT ", "SELECT  "}) {
            StringBuilder sql = new StringBuilder(prefix);
            while (sql.length() < SqlSanitizer.MAX_LENGTH + 10) {
                sql.append("\uD835\uDCB3");
            }
            String sanitized = SqlSanitizer.sanitize(sql.toString(), SqlDialect.STANDARD);
            assertTrue(sanitized.endsWith(SqlSanitizer.CUT), sanitized);
            String kept = sanitized.substring(0, sanitized.length() - SqlSanitizer.CUT.length());
            assertTrue(kept.length() >= SqlSanitizer.MAX_LENGTH - 1 && kept.length() <= SqlSanitizer.MAX_LENGTH);
            assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "no half character at the cut");
        }
    }

    @Test
    void oddButValidLiterals() {
        assertEquals("SELECT ?, ?, ?, ?", SqlSanitizer.sanitize("SELECT '', '''', E'\\\\', $$$$", SqlDialect.POSTGRESQL));
        assertEquals("SELECT ? FROM t", SqlSanitizer.sanitize("SELECT 'multi\nline\r\nvalue' FROM t", SqlDialect.STANDARD));
        assertEquals("SELECT a FROM t WHERE b = ?", SqlSanitizer.sanitize("  SELECT\ta\n\nFROM t\r\nWHERE b = ?  ",
                SqlDialect.STANDARD));
        assertEquals("SELECT ? IN ()", SqlSanitizer.sanitize("SELECT 1 IN ()", SqlDialect.STANDARD));
        assertEquals(null, SqlSanitizer.sanitize(null, SqlDialect.STANDARD));
        assertEquals("", SqlSanitizer.sanitize("-- only a comment", SqlDialect.STANDARD));
    }

    @Test
    void theCacheGivesTheSanitizersAnswerPerDialectAndStaysBounded() {
        SanitizedQueries cache = new SanitizedQueries();
        String sql = "SELECT * FROM t WHERE a = \"x\"";
        assertEquals("SELECT * FROM t WHERE a = ?", cache.sanitized(sql, SqlDialect.MYSQL));
        assertEquals("SELECT * FROM t WHERE a = \"x\"", cache.sanitized(sql, SqlDialect.POSTGRESQL),
                "the same text is another statement in another dialect");
        assertEquals("SELECT * FROM t WHERE a = ?", cache.sanitized(sql, SqlDialect.MYSQL));
        for (int i = 0; i < 3 * SanitizedQueries.MAX_ENTRIES; i++) {
            assertEquals("SELECT ?", cache.sanitized("SELECT " + i, SqlDialect.STANDARD));
        }
        assertTrue(cache.size(SqlDialect.STANDARD) <= SanitizedQueries.MAX_ENTRIES);
        assertEquals(null, cache.sanitized(null, SqlDialect.STANDARD));
    }

    private static List<Arguments> read(String file, SqlDialect dialect) throws IOException {
        String text;
        try (InputStream in = SqlSanitizerTest.class.getResourceAsStream("/sql-corpus/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Arguments> cases = new ArrayList<>();
        StringBuilder sql = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("< ")) {
                sql = sql == null ? new StringBuilder(line.substring(2)) : sql.append('\n').append(line.substring(2));
            } else if (line.startsWith("= ") || line.equals("=")) {
                cases.add(Arguments.of(dialect, sql.toString(), line.length() > 2 ? line.substring(2) : ""));
                sql = null;
            }
        }
        return cases;
    }
}
