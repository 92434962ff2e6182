package io.xrayagent.instrumentation.jdbc;

import static io.xrayagent.instrumentation.jdbc.Trees.children;
import static io.xrayagent.instrumentation.jdbc.Trees.firstException;
import static io.xrayagent.instrumentation.jdbc.Trees.queries;
import static io.xrayagent.instrumentation.jdbc.Trees.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.instrumentation.jdbc.testing.Databases;
import io.xrayagent.instrumentation.jdbc.testing.Databases.Database;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL and MariaDB servers (see Databases), through their own drivers and a HikariCP pool whose URL
 * carries the password, as some applications write it.
 */
class RealDatabasesTest {
    private final Tracer tracer = WovenJdbc.tracer(ContextMissingStrategy.IGNORE_ERROR);

    static Stream<Database> databases() {
        return Stream.of(Databases.POSTGRES, Databases.MARIADB);
    }

    @BeforeAll
    static void weave() throws Exception {
        WovenJdbc.install();
    }

    @AfterAll
    static void everyClassWasWoven() {
        assertEquals(List.of(), WovenJdbc.weavingFailures());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyKindOfStatementThroughAPool(Database database) throws Exception {
        database.assumeAvailable();
        boolean postgres = database == Databases.POSTGRES;
        StatementRecorder recorder = WovenJdbc.recorder(tracer, true);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.urlWithCredentials());
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS jdbc_items");
                statement.execute("CREATE TABLE jdbc_items (id INT PRIMARY KEY, name VARCHAR(100), note TEXT)");
                statement.execute(postgres
                        ? "CREATE OR REPLACE FUNCTION jdbc_bump(n INT) RETURNS INT AS $$ SELECT n + 1 $$ LANGUAGE sql"
                        : "CREATE OR REPLACE FUNCTION jdbc_bump(n INT) RETURNS INT DETERMINISTIC RETURN n + 1");
            }
            Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
                try (Connection connection = pool.getConnection()) {
                    try (Statement statement = connection.createStatement()) {
                        assertEquals(1, statement.executeUpdate(
                                "INSERT INTO jdbc_items VALUES (1, 'Grüße aus Köln', 'it''s \"quoted\" -- not a comment')"));
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jdbc_items VALUES (?, ?, ?)")) {
                        for (int id = 2; id <= 4; id++) {
                            insert.setInt(1, id);
                            insert.setString(2, "東京 " + id);
                            insert.setString(3, null);
                            insert.addBatch();
                        }
                        assertEquals(3, insert.executeBatch().length);
                    }
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT name FROM jdbc_items WHERE id IN (?, ?) ORDER BY id")) {
                        select.setInt(1, 1);
                        select.setInt(2, 3);
                        try (ResultSet rows = select.executeQuery()) {
                            assertTrue(rows.next());
                            assertEquals("Grüße aus Köln", rows.getString(1));
                        }
                    }
                    try (CallableStatement call = connection.prepareCall(postgres ? "{? = call jdbc_bump(?)}" : "{? = call jdbc_bump(?)}")) {
                        call.registerOutParameter(1, Types.INTEGER);
                        call.setInt(2, 41);
                        call.execute();
                        assertEquals(42, call.getInt(1));
                    }
                    try (Statement statement = connection.createStatement()) {
                        SQLException duplicate = assertThrows(SQLException.class,
                                () -> statement.executeUpdate("INSERT INTO jdbc_items (id, name) VALUES (1, 'secret-value')"));
                        assertEquals("23", duplicate.getSQLState().substring(0, 2), "an integrity violation");
                    }
                    if (postgres) {
                        // PostgreSQL refuses every statement after a failure until the transaction ends.
                        connection.setAutoCommit(true);
                    }
                    try (ResultSet tables = connection.getMetaData().getTables(null, null, "jdbc_items", null)) {
                        tables.next();
                    }
                }
            });

            assertEquals(Arrays.asList(
                    "INSERT INTO jdbc_items VALUES (?, ?, ?)",
                    "INSERT INTO jdbc_items VALUES (?, ?, ?)",
                    "SELECT name FROM jdbc_items WHERE id IN (?) ORDER BY id",
                    "{? = call jdbc_bump(?)}",
                    "INSERT INTO jdbc_items (id, name) VALUES (?, ?)"), queries(segment),
                    "one subsegment per statement; none for the pool's or the metadata's own queries");
            List<Map<String, Object>> subsegments = children(segment);
            String[] preparations = {null, "statement", "statement", "call", null};
            for (int i = 0; i < subsegments.size(); i++) {
                Map<String, Object> subsegment = subsegments.get(i);
                Map<String, Object> sql = sql(subsegment);
                assertEquals("xray_test@127.0.0.1", subsegment.get("name"));
                assertEquals("remote", subsegment.get("namespace"));
                String url = (String) sql.get("url");
                // PostgreSQL's driver reports the URL as given; MariaDB's rebuilds it, default port left out.
                assertTrue(url.startsWith(postgres ? database.url + "?user=xray" : "jdbc:mariadb://127.0.0.1"), url);
                assertTrue(url.contains("/xray_test"), url);
                assertFalse(url.contains(database.password), "no password in " + url);
                assertTrue(((String) sql.get("user")).startsWith(database.user), sql.toString());
                assertEquals(database.productName, sql.get("database_type"));
                assertTrue(((String) sql.get("database_version")).startsWith(postgres ? "15." : "10.11."), sql.toString());
                assertEquals(postgres ? "42.7.14" : "3.5.11", sql.get("driver_version"));
                assertEquals(preparations[i], sql.get("preparation"), subsegment.toString());
            }
            Map<String, Object> failed = subsegments.get(4);
            assertEquals(Boolean.TRUE, failed.get("fault"));
            Map<String, Object> exception = firstException(failed);
            assertTrue(((String) exception.get("type")).contains(postgres ? "PSQLException" : "SQLIntegrityConstraintViolation"),
                    exception.toString());
            assertNull(subsegments.get(3).get("fault"));
            assertEquals(1, recorder.connectionsKnown(), "a pool of one physical connection");
        }
    }
}
