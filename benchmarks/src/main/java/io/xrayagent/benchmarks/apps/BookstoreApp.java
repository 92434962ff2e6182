package io.xrayagent.benchmarks.apps;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The application of the overhead benchmark (io.xrayagent.benchmarks.overhead): embedded Tomcat 10.1 on
 * 127.0.0.1, and at {@code GET /book?id=N} one SQL query against an in-process H2 database (through
 * HikariCP, as a Spring Boot application has it), one outgoing HTTP call with {@code HttpURLConnection} to a price service, and a JSON
 * response. {@code GET /stats} reports what only the JVM itself can count: the requests served, the bytes
 * allocated by all live threads, and the loaded classes.
 *
 * <pre>java -cp benchmarks.jar io.xrayagent.benchmarks.apps.BookstoreApp port pricePort</pre>
 */
public final class BookstoreApp {
    static final String QUERY = "SELECT title, author, published FROM books WHERE id = ?";
    static final int BOOKS = 100;
    static final AtomicLong REQUESTS = new AtomicLong();

    private BookstoreApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String prices = "http://127.0.0.1:" + Integer.parseInt(args[1]) + "/price?id=";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:books;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        HikariDataSource pool = new HikariDataSource(config);
        createBooks(pool);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bookstore").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "book", new BookServlet(pool, prices));
        context.addServletMapping("/book", "book");
        Tomcat.addServlet(context, "stats", new StatsServlet());
        context.addServletMapping("/stats", "stats");
        tomcat.start();
        System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    private static void createBooks(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE books (id INT PRIMARY KEY, title VARCHAR(200), author VARCHAR(200), published INT)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO books VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= BOOKS; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "Volume " + id + " of the collected letters");
                    insert.setString(3, "Author " + (id % 17));
                    insert.setInt(4, 1900 + id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    static final class BookServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource pool;
        private final String prices;

        BookServlet(DataSource pool, String prices) {
            this.pool = pool;
            this.prices = prices;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
            REQUESTS.incrementAndGet();
            String idParameter = request.getParameter("id");
            int id = idParameter == null ? 1 : Math.floorMod(Integer.parseInt(idParameter) - 1, BOOKS) + 1;
            StringBuilder json = new StringBuilder(256).append("{\"id\":").append(id);
            try (Connection connection = pool.getConnection(); PreparedStatement select = connection.prepareStatement(QUERY)) {
                select.setInt(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        response.sendError(404);
                        return;
                    }
                    json.append(",\"title\":\"").append(rows.getString(1)).append("\",\"author\":\"")
                            .append(rows.getString(2)).append("\",\"published\":").append(rows.getInt(3));
                }
            } catch (SQLException e) {
                throw new ServletException(e);
            }
            json.append(",\"price\":").append(price(id)).append('}');
            byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        /** The price service's JSON, read whole so that the connection goes back to the JDK's keep-alive cache. */
        private String price(int id) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) new URL(prices + id).openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status != 200) {
                    throw new IOException("price service answered " + status + ": " + body);
                }
                return body;
            }
        }
    }

    static final class StatsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long requests = REQUESTS.incrementAndGet();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocated = 0;
            // Threads that ended take their count with them; the benchmark reads this around a load during which
            // Tomcat's pool keeps its threads.
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                allocated += Math.max(0, bytes);
            }
            int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            byte[] body = ("{\"requests\":" + requests + ",\"allocatedBytes\":" + allocated + ",\"loadedClasses\":" + classes + "}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
