package io.xrayagent.instrumentation.jdbc;

import static io.xrayagent.instrumentation.jdbc.Trees.children;
import static io.xrayagent.instrumentation.jdbc.Trees.queries;
import static io.xrayagent.instrumentation.jdbc.Trees.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.trace.Tracer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wrapper layers over H2: HikariCP's proxies, and Hibernate over HikariCP. One subsegment per statement. */
class PoolAndOrmTest {
    private final Tracer tracer = WovenJdbc.tracer(ContextMissingStrategy.IGNORE_ERROR);
    private StatementRecorder recorder;
    private HikariDataSource pool;

    @BeforeAll
    static void weave() throws Exception {
        WovenJdbc.install();
    }

    @AfterAll
    static void everyClassWasWoven() {
        assertEquals(List.of(), WovenJdbc.weavingFailures());
    }

    @BeforeEach
    void start() {
        recorder = WovenJdbc.recorder(tracer, true);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pooled;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void hikariProxiesGiveOneSubsegmentPerStatementAndMetadataIsReadOncePerPhysicalConnection() throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS counters (id INT PRIMARY KEY, n INT)");
            statement.execute("MERGE INTO counters KEY (id) VALUES (1, 0)");
        }
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            for (int request = 0; request < 10; request++) {
                try (Connection connection = pool.getConnection()) {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE counters SET n = n + ? WHERE id = ?")) {
                        update.setInt(1, 1);
                        update.setInt(2, 1);
                        assertEquals(1, update.executeUpdate());
                    }
                    try (Statement read = connection.createStatement();
                            ResultSet rows = read.executeQuery("SELECT n FROM counters WHERE id = 1")) {
                        rows.next();
                        assertEquals(request + 1, rows.getInt(1));
                    }
                }
            }
        });
        List<Map<String, Object>> subsegments = children(segment);
        assertEquals(20, subsegments.size(), "the proxy's call and the driver's below it are one execution");
        for (int i = 0; i < subsegments.size(); i++) {
            Map<String, Object> subsegment = subsegments.get(i);
            assertEquals("POOLED", subsegment.get("name"));
            assertEquals(i % 2 == 0 ? "UPDATE counters SET n = n + ? WHERE id = ?" : "SELECT n FROM counters WHERE id = ?",
                    sql(subsegment).get("sanitized_query"));
            assertEquals(i % 2 == 0 ? "statement" : null, sql(subsegment).get("preparation"));
            assertEquals("jdbc:h2:mem:pooled", sql(subsegment).get("url"));
        }
        int known = recorder.connectionsKnown();
        assertTrue(known >= 1 && known <= 2, "one entry per physical connection (pool of 2), not per borrowed proxy: " + known);
    }

    @Test
    void hibernateSavesAndLoadsAnEntityThroughThePool() throws Exception {
        Configuration configuration = new Configuration().addAnnotatedClass(Book.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create-drop");
        try (SessionFactory sessions = configuration.buildSessionFactory()) {
            long[] id = new long[1];
            Map<String, Object> save = WovenJdbc.traced(tracer, () -> {
                try (Session session = sessions.openSession()) {
                    session.beginTransaction();
                    Book book = new Book("Dune", "978-0441013593");
                    session.persist(book);
                    session.getTransaction().commit();
                    id[0] = book.id();
                }
            });
            Map<String, Object> loadAndChange = WovenJdbc.traced(tracer, () -> {
                try (Session session = sessions.openSession()) {
                    session.beginTransaction();
                    Book book = session.find(Book.class, id[0]);
                    assertEquals("Dune", book.title());
                    book.retitle("Dune Messiah");
                    session.getTransaction().commit();
                }
            });
            assertEquals(Arrays.asList("insert into Book (isbn,title,id) values (?,?,default)"), queries(save));
            assertEquals(Arrays.asList("select b1_0.id,b1_0.isbn,b1_0.title from Book b1_0 where b1_0.id=?",
                    "update Book set isbn=?,title=? where id=?"), queries(loadAndChange));
            for (Map<String, Object> subsegment : children(loadAndChange)) {
                assertEquals("POOLED", subsegment.get("name"));
                assertEquals("statement", sql(subsegment).get("preparation"));
                assertEquals("H2", sql(subsegment).get("database_type"));
            }
        }
    }
}
