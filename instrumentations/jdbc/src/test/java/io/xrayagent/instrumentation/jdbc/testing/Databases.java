package io.xrayagent.instrumentation.jdbc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * The real databases of the JDBC tests. {@code .ci/databases start} runs PostgreSQL and MariaDB on 127.0.0.1
 * with the defaults below; elsewhere set {@code XRAY_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}
 * (and the same for {@code MARIADB}), or the system properties {@code xrayagent.test.postgres.url} and so on.
 * A database that cannot be reached skips its tests with a message saying how to start it; under CI
 * ({@code CI=true}), where .ci/run starts them, it fails them instead.
 */
public final class Databases {
    public static final Database POSTGRES = new Database("postgres", "PostgreSQL",
            "jdbc:postgresql://127.0.0.1:5432/xray_test", "xray", "xray-test-password");
    public static final Database MARIADB = new Database("mariadb", "MariaDB",
            "jdbc:mariadb://127.0.0.1:3306/xray_test", "xray", "xray-test-password");

    private Databases() {
    }

    public static final class Database {
        public final String key;
        public final String productName;
        public final String url;
        public final String user;
        public final String password;

        Database(String key, String productName, String defaultUrl, String defaultUser, String defaultPassword) {
            this.key = key;
            this.productName = productName;
            this.url = setting(key, "url", defaultUrl);
            this.user = setting(key, "user", defaultUser);
            this.password = setting(key, "password", defaultPassword);
        }

        /** Skips the calling test (or fails it under CI) when the database does not answer. */
        public void assumeAvailable() {
            String problem = null;
            DriverManager.setLoginTimeout(5);
            try (Connection ignored = connect()) {
                return;
            } catch (SQLException | RuntimeException e) {
                problem = e.toString();
            }
            String message = productName + " is not reachable at " + url + " (" + problem + "): its tests are skipped."
                    + " Start it with `sudo .ci/databases start`, or point XRAY_TEST_" + key.toUpperCase(Locale.ROOT)
                    + "_URL/_USER/_PASSWORD at one";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("under CI the databases must run: " + message);
            }
            Assumptions.abort(message);
        }

        public Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            return DriverManager.getConnection(url, properties);
        }

        /** The URL with the credentials in it, as some applications write it (the agent must drop the password). */
        public String urlWithCredentials() {
            return url + (url.contains("?") ? "&" : "?") + "user=" + user + "&password=" + password;
        }

        @Override
        public String toString() {
            return productName;
        }
    }

    private static String setting(String database, String name, String fallback) {
        String property = System.getProperty("xrayagent.test." + database + "." + name);
        if (property != null && !property.isEmpty()) {
            return property;
        }
        String variable = System.getenv("XRAY_TEST_" + database.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT));
        return variable != null && !variable.isEmpty() ? variable : fallback;
    }
}
