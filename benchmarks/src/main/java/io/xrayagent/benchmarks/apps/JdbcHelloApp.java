package io.xrayagent.benchmarks.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application of JdbcOverhead: the JDK HTTP server, and for {@code GET /q?n=K} K prepared queries on an
 * in-process H2 database, each prepared, executed and closed as an ORM does. Prints {@code LISTENING <port>}.
 */
public final class JdbcHelloApp {
    private static final String URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
    private static final ThreadLocal<Connection> CONNECTIONS = ThreadLocal.withInitial(() -> {
        try {
            return DriverManager.getConnection(URL, "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    });

    private JdbcHelloApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection setup = DriverManager.getConnection(URL, "sa", ""); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE books (id INT PRIMARY KEY, title VARCHAR(100))");
            statement.execute("INSERT INTO books VALUES (1, 'Dune'), (2, 'Emma')");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                args.length > 0 ? Integer.parseInt(args[0]) : 0), 50);
        server.createContext("/q", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int n = query == null ? 0 : Integer.parseInt(query.substring(query.indexOf('=') + 1));
            int found = 0;
            try {
                Connection connection = CONNECTIONS.get();
                for (int i = 0; i < n; i++) {
                    try (PreparedStatement select = connection.prepareStatement("SELECT title FROM books WHERE id = ?")) {
                        select.setInt(1, 1 + (i & 1));
                        try (ResultSet rows = select.executeQuery()) {
                            found += rows.next() ? 1 : 0;
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            byte[] body = Integer.toString(found).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
    }
}
