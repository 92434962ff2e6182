package io.xrayagent.instrumentation.jdbc;

import static io.xrayagent.instrumentation.jdbc.Trees.children;
import static io.xrayagent.instrumentation.jdbc.Trees.firstException;
import static io.xrayagent.instrumentation.jdbc.Trees.queries;
import static io.xrayagent.instrumentation.jdbc.Trees.sql;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.trace.Tracer;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of execution on H2 (in-process), with the real advice woven into the real driver. */
class H2StatementsTest {
    static final String URL = "jdbc:h2:mem:statements;DB_CLOSE_DELAY=-1";

    private final Tracer tracer = WovenJdbc.tracer(ContextMissingStrategy.IGNORE_ERROR);
    private Connection connection;

    @BeforeAll
    static void weave() throws Exception {
        WovenJdbc.install();
    }

    @AfterAll
    static void everyClassWasWoven() {
        assertEquals(List.of(), WovenJdbc.weavingFailures());
    }

    @BeforeEach
    void open() throws SQLException {
        WovenJdbc.recorder(tracer, true);
        connection = DriverManager.getConnection(URL, "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS items");
            statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void oneSubsegmentPerExecutionOfEachKindWithTheSqlBlock() throws Exception {
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            try (Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate("INSERT INTO items VALUES (1, 'apple')"));
                assertEquals(1L, statement.executeLargeUpdate("INSERT INTO items VALUES (2, 'pear')"));
                assertTrue(statement.execute("SELECT name FROM items WHERE id = 1"));
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
                    rows.next();
                    assertEquals(2, rows.getInt(1));
                }
            }
            try (PreparedStatement prepared = connection.prepareStatement("SELECT name FROM items WHERE id = ?")) {
                prepared.setInt(1, 2);
                try (ResultSet rows = prepared.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals("pear", rows.getString(1));
                }
                assertTrue(prepared.execute());
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE items SET name = ? WHERE id = ?")) {
                update.setString(1, "plum");
                update.setInt(2, 1);
                assertEquals(1, update.executeUpdate());
                assertEquals(1L, update.executeLargeUpdate());
            }
            try (CallableStatement call = connection.prepareCall("CALL ABS(?)")) {
                call.setInt(1, -7);
                assertTrue(call.execute());
            }
        });

        List<Map<String, Object>> subsegments = children(segment);
        assertEquals(Arrays.asList(
                "INSERT INTO items VALUES (?, ?)", "INSERT INTO items VALUES (?, ?)",
                "SELECT name FROM items WHERE id = ?", "SELECT count(*) FROM items",
                "SELECT name FROM items WHERE id = ?", "SELECT name FROM items WHERE id = ?",
                "UPDATE items SET name = ? WHERE id = ?", "UPDATE items SET name = ? WHERE id = ?",
                "CALL ABS(?)"), queries(segment));
        String[] preparations = new String[subsegments.size()];
        double previousEnd = ((Number) segment.get("start_time")).doubleValue();
        for (int i = 0; i < subsegments.size(); i++) {
            Map<String, Object> subsegment = subsegments.get(i);
            assertEquals("STATEMENTS", subsegment.get("name"), "the H2 database's catalog; an embedded one has no host");
            assertEquals("remote", subsegment.get("namespace"));
            Map<String, Object> sql = sql(subsegment);
            assertEquals("jdbc:h2:mem:statements", sql.get("url"), "as the driver reports it, without the settings");
            assertEquals("SA", sql.get("user"));
            assertEquals("H2", sql.get("database_type"));
            assertTrue(((String) sql.get("database_version")).startsWith("2.5.252"), sql.toString());
            assertTrue(((String) sql.get("driver_version")).startsWith("2.5.252"), sql.toString());
            preparations[i] = (String) sql.get("preparation");
            assertNull(subsegment.get("fault"));
            double start = ((Number) subsegment.get("start_time")).doubleValue();
            double end = ((Number) subsegment.get("end_time")).doubleValue();
            assertTrue(start >= previousEnd && end >= start, "executions in order, one after the other: " + subsegments);
            previousEnd = end;
        }
        assertArrayEquals(new String[] {null, null, null, null, "statement", "statement", "statement", "statement", "call"},
                preparations);
        assertTrue(previousEnd <= ((Number) segment.get("end_time")).doubleValue());
    }

    @Test
    void aBatchIsOneSubsegmentWhateverItsSize() throws Exception {
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            try (Statement statement = connection.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    statement.addBatch("INSERT INTO items VALUES (" + i + ", 'item " + i + "')");
                }
                statement.addBatch("UPDATE items SET name = 'x' WHERE id = 3");
                assertEquals(51, statement.executeBatch().length);
                statement.addBatch("DELETE FROM items WHERE id = 4");
                statement.clearBatch();
                statement.addBatch("DELETE FROM items WHERE id = 5");
                assertEquals(1, statement.executeLargeBatch().length);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
                for (int i = 100; i < 130; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "batch " + i);
                    insert.addBatch();
                }
                assertEquals(30, insert.executeBatch().length);
            }
        });

        List<Map<String, Object>> subsegments = children(segment);
        assertEquals(Arrays.asList(
                "INSERT INTO items VALUES (?, ?); UPDATE items SET name = ? WHERE id = ?",
                "DELETE FROM items WHERE id = ?",
                "INSERT INTO items VALUES (?, ?)"), queries(segment), "a cleared batch is forgotten");
        assertNull(sql(subsegments.get(0)).get("preparation"));
        assertNull(sql(subsegments.get(1)).get("preparation"));
        assertEquals("statement", sql(subsegments.get(2)).get("preparation"));
    }

    @Test
    void aFailingStatementIsAFaultWithItsCauseAndTheApplicationGetsItsException() throws Exception {
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            try (Statement statement = connection.createStatement()) {
                SQLException thrown = assertThrows(SQLException.class,
                        () -> statement.executeQuery("SELECT * FROM no_such_table WHERE secret = 'hunter2'"));
                assertEquals("42S02", thrown.getSQLState());
                statement.executeUpdate("INSERT INTO items VALUES (1, 'a')");
                assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO items VALUES (1, 'b')"));
            }
        });

        List<Map<String, Object>> subsegments = children(segment);
        assertEquals(3, subsegments.size(), subsegments.toString());
        Map<String, Object> missing = subsegments.get(0);
        assertEquals(Boolean.TRUE, missing.get("fault"));
        assertEquals("SELECT * FROM no_such_table WHERE secret = ?", sql(missing).get("sanitized_query"));
        Map<String, Object> exception = firstException(missing);
        assertEquals("org.h2.jdbc.JdbcSQLSyntaxErrorException", exception.get("type"));
        assertTrue(((String) exception.get("message")).contains("NO_SUCH_TABLE"), exception.toString());
        assertNull(subsegments.get(1).get("fault"));
        assertEquals(Boolean.TRUE, subsegments.get(2).get("fault"));
        assertEquals("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException", firstException(subsegments.get(2)).get("type"));
        assertNull(segment.get("fault"), "the statement failed, the request did not (the application caught it)");
    }

    @Test
    void theQueryIsLeftOutUnlessCollectSqlQueriesIsOn() throws Exception {
        WovenJdbc.recorder(tracer, false);
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            try (PreparedStatement prepared = connection.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                prepared.setInt(1, 1);
                prepared.executeQuery().close();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 'hunter2'");
            }
        });
        List<Map<String, Object>> subsegments = children(segment);
        assertEquals(2, subsegments.size());
        for (Map<String, Object> subsegment : subsegments) {
            assertFalse(sql(subsegment).containsKey("sanitized_query"), subsegment.toString());
            assertEquals("H2", sql(subsegment).get("database_type"));
        }
        assertEquals("statement", sql(subsegments.get(0)).get("preparation"));
    }

    @Test
    void theDriversOwnMetadataQueriesAreNotTraced() throws Exception {
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "ITEMS", null)) {
                assertTrue(tables.next());
            }
            try (ResultSet columns = connection.getMetaData().getColumns(null, null, "ITEMS", null)) {
                assertTrue(columns.next());
            }
            assertEquals("STATEMENTS", connection.getCatalog());
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
        });
        assertEquals(Arrays.asList("SELECT ?"), queries(segment), "only the application's own statement");
    }
}
