package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.core.model.Names;
import io.xrayagent.core.model.SqlData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * What every statement on one physical connection shares: the subsegment name ({@code database@host}, as the
 * X-Ray SDK names it), the {@code sql} block and the dialect. Holds only strings, never the connection.
 */
final class ConnectionInfo {
    static final String DEFAULT_NAME = "database";
    static final ConnectionInfo UNKNOWN = new ConnectionInfo(DEFAULT_NAME, new SqlData(null, null, null, null, null),
            SqlDialect.STANDARD);

    final String name;
    final SqlData sql;
    final SqlDialect dialect;

    ConnectionInfo(String name, SqlData sql, SqlDialect dialect) {
        this.name = name;
        this.sql = sql;
        this.dialect = dialect;
    }

    /** Reads the metadata once; each part a driver refuses is left out rather than failing the rest. */
    static ConnectionInfo read(Connection connection, DatabaseMetaData metadata) {
        String url = null;
        String user = null;
        String type = null;
        String version = null;
        String driver = null;
        String catalog = null;
        if (metadata != null) {
            try {
                url = metadata.getURL();
            } catch (Throwable ignored) {
                // Left out.
            }
            try {
                user = metadata.getUserName();
            } catch (Throwable ignored) {
                // Left out.
            }
            try {
                type = metadata.getDatabaseProductName();
            } catch (Throwable ignored) {
                // Left out.
            }
            try {
                version = metadata.getDatabaseProductVersion();
            } catch (Throwable ignored) {
                // Left out.
            }
            try {
                driver = metadata.getDriverVersion();
            } catch (Throwable ignored) {
                // Left out.
            }
        }
        try {
            catalog = connection.getCatalog();
        } catch (Throwable ignored) {
            // Left out.
        }
        return new ConnectionInfo(name(catalog, JdbcUrls.host(url)),
                new SqlData(JdbcUrls.sanitize(url), user, type, version, driver), SqlDialect.of(type));
    }

    static String name(String catalog, String host) {
        String database = catalog == null || catalog.isEmpty() ? DEFAULT_NAME : catalog;
        return Names.sanitize(host == null || host.isEmpty() ? database : database + "@" + host, DEFAULT_NAME);
    }
}
