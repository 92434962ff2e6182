package io.xrayagent.smoke;

import static io.xrayagent.smoke.support.Docs.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.instrumentation.jdbc.testing.Databases;
import io.xrayagent.instrumentation.jdbc.testing.Databases.Database;
import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import io.xrayagent.testing.SchemaValidator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Spring Boot application using JdbcTemplate over HikariCP (smoke-tests/apps/spring-jdbc), started with
 * {@code java -javaagent:... -jar}, on H2, PostgreSQL and MariaDB: each request's segment holds one SQL
 * subsegment per statement, with the sql block, and no password anywhere.
 */
class SpringJdbcTest {
    private static final Duration BOOT_START = Duration.ofSeconds(90);
    private static final String SERVICE = "spring-jdbc";
    private static final String SELECT = "SELECT title FROM books WHERE id = ?";
    private static final String COUNT = "SELECT count(*) FROM books";
    private static final String INSERT = "INSERT INTO books (id, title, isbn) VALUES (?, ?, ?)";

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Path first = Jdks.all().get(0);
        cases.add(Arguments.of(first, "H2"));
        cases.add(Arguments.of(first, Databases.POSTGRES.productName));
        cases.add(Arguments.of(first, Databases.MARIADB.productName));
        if (!Jdks.newest().equals(first)) {
            cases.add(Arguments.of(Jdks.newest(), "H2"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void jdbcTemplateStatementsAreSubsegmentsOfTheirRequest(Path jdk, String databaseName) throws Exception {
        Database database = databaseName.equals("H2") ? null
                : databaseName.equals(Databases.POSTGRES.productName) ? Databases.POSTGRES : Databases.MARIADB;
        List<String> args = new ArrayList<>();
        if (database != null) {
            database.assumeAvailable();
            // The password in the URL too, as some applications write it: it must not reach the trace.
            args.add("--spring.datasource.url=" + database.urlWithCredentials());
            args.add("--spring.datasource.username=" + database.user);
            args.add("--spring.datasource.password=" + database.password);
        }
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(jdk).name(SERVICE)
                        .agent("serviceName=" + SERVICE + ",samplingStrategy=ALL,collectSqlQueries=true,daemonAddress="
                                + receiver.daemonAddress())
                        .jar(fatJar(), args.toArray(new String[0])).start()) {
            int port = app.awaitPort(BOOT_START);
            int base = 1000 + (int) (System.nanoTime() % 1000) * 10;

            assertEquals("Dune", Http.get(port, "/books/1").body);
            assertEquals("1 then 2", Http.get(port, "/books/add/" + base).body);
            assertEquals("3 rows", Http.get(port, "/books/batch/" + (base + 1)).body);
            assertEquals(500, Http.get(port, "/books/fail").status);

            List<ReceivedDocument> documents = receiver.awaitDocuments(Docs.segmentCount(SERVICE, 4), Duration.ofSeconds(20));
            Thread.sleep(500);
            documents = receiver.documents();
            for (ReceivedDocument document : documents) {
                SchemaValidator.assertValid(document.body());
                for (Map<String, Object> statement : sqlSubsegments(document.json())) {
                    // Exception messages stay as the driver wrote them (H2 quotes the statement); the sql block
                    // never holds a value.
                    assertFalse(statement.get("sql").toString().contains("hunter2"), "no literal value in " + statement);
                }
                if (database != null) {
                    assertFalse(document.body().contains(database.password), "no password in " + document.body());
                }
            }
            assertEquals(List.of(), receiver.rejected());

            assertStatements(Docs.byPath(documents, SERVICE, "/books/1").json(), List.of(SELECT), List.of("statement"));
            assertStatements(Docs.byPath(documents, SERVICE, "/books/add/" + base).json(), List.of(COUNT, INSERT),
                    nullAnd("statement"));
            assertStatements(Docs.byPath(documents, SERVICE, "/books/batch/" + (base + 1)).json(), List.of(INSERT),
                    List.of("statement"));
            Map<String, Object> failed = Docs.byPath(documents, SERVICE, "/books/fail").json();
            assertStatements(failed, List.of("SELECT * FROM no_such_table WHERE secret = ?"), nullAnd());
            Map<String, Object> failedStatement = sqlSubsegments(failed).get(0);
            assertEquals(Boolean.TRUE, failedStatement.get("fault"));
            assertTrue(at(failedStatement, "cause.exceptions") instanceof List, failedStatement.toString());
            assertEquals(500L, Docs.number(failed, "http.response.status"));

            for (Map<String, Object> subsegment : sqlSubsegments(Docs.byPath(documents, SERVICE, "/books/1").json())) {
                assertEquals(database == null ? "BOOKS" : "xray_test@127.0.0.1", subsegment.get("name"));
                assertEquals("remote", subsegment.get("namespace"));
                assertEquals(database == null ? "H2" : database.productName, at(subsegment, "sql.database_type"));
                String url = (String) at(subsegment, "sql.url");
                assertTrue(url.startsWith(database == null ? "jdbc:h2:mem:books"
                        : database == Databases.POSTGRES ? database.url : "jdbc:mariadb://127.0.0.1"), url);
                assertTrue(((String) at(subsegment, "sql.user")).toLowerCase().startsWith(database == null ? "sa" : database.user));
                assertTrue(at(subsegment, "sql.database_version") instanceof String);
                assertTrue(at(subsegment, "sql.driver_version") instanceof String);
            }

            // Boot's schema.sql ran at startup, outside any request: one line says so, once.
            List<String> lines = app.agentLines();
            assertEquals(1, lines.stream().filter(line -> line.startsWith("[xray-agent] INFO xray-agent ")).count(), lines.toString());
            assertTrue(lines.get(0).contains("jdbc"), "the jdbc instrumentation is listed: " + lines.get(0));
            List<String> errors = lines.stream().filter(line -> line.contains("ERROR") || line.contains("WARN")).toList();
            assertEquals(1, errors.size(), lines.toString());
            assertTrue(errors.get(0).startsWith("[xray-agent] ERROR no current segment: SQL statement was not traced"),
                    errors.get(0));
            assertEquals(List.of(), app.warningLines());
        }
    }

    /** The request's SQL subsegments in order, their queries and preparations, each inside the request's time. */
    private static void assertStatements(Map<String, Object> segment, List<String> queries, List<String> preparations) {
        List<Map<String, Object>> statements = sqlSubsegments(segment);
        List<Object> seen = new ArrayList<>();
        List<Object> prepared = new ArrayList<>();
        double start = ((Number) segment.get("start_time")).doubleValue();
        double end = ((Number) segment.get("end_time")).doubleValue();
        for (Map<String, Object> statement : statements) {
            seen.add(at(statement, "sql.sanitized_query"));
            prepared.add(at(statement, "sql.preparation"));
            double begun = ((Number) statement.get("start_time")).doubleValue();
            double ended = ((Number) statement.get("end_time")).doubleValue();
            assertTrue(begun >= start && ended >= begun && ended <= end, "inside the request: " + segment);
        }
        assertEquals(queries, seen, "one subsegment per statement: " + segment);
        assertEquals(preparations, prepared);
    }

    /** Subsegments with an sql block, in the order they began, wherever they sit in the segment's tree. */
    private static List<Map<String, Object>> sqlSubsegments(Map<String, Object> segment) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> subsegment : Docs.subsegments(segment)) {
            if (subsegment.get("sql") != null) {
                found.add(subsegment);
            }
        }
        found.sort((a, b) -> Double.compare(((Number) a.get("start_time")).doubleValue(),
                ((Number) b.get("start_time")).doubleValue()));
        return found;
    }

    private static List<String> nullAnd(String... rest) {
        List<String> list = new ArrayList<>();
        list.add(null);
        list.addAll(List.of(rest));
        return list;
    }

    private static Path fatJar() {
        Path jar = Paths.get(System.getProperty("smoke.spring-jdbc.jar", "apps/spring-jdbc/target/missing.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Spring JDBC application is not built: " + jar + " (run ./mvnw verify)");
        }
        return jar;
    }
}
