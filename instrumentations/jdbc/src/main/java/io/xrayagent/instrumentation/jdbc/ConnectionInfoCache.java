package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.core.state.WeakKeyedMap;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;

/**
 * The {@link ConnectionInfo} of a statement's connection, read once per physical connection. Pools hand out
 * a new proxy per borrow (HikariCP's ProxyConnection), so the cache is keyed on what {@code unwrap} reaches,
 * and, for wrappers that unwrap to themselves, also on the connection the driver's metadata names.
 * Keys are weak: a closed connection leaves the cache with the garbage collector.
 */
final class ConnectionInfoCache {
    private final WeakKeyedMap<Connection, ConnectionInfo> infos = new WeakKeyedMap<Connection, ConnectionInfo>();

    /** Must run while the JDBC call depth is held: the driver may run queries of its own to answer. */
    ConnectionInfo of(Statement statement) {
        Connection connection;
        try {
            connection = statement.getConnection();
        } catch (Throwable e) {
            return ConnectionInfo.UNKNOWN;
        }
        if (connection == null) {
            return ConnectionInfo.UNKNOWN;
        }
        Connection key = unwrap(connection);
        ConnectionInfo info = infos.get(key);
        if (info != null) {
            return info;
        }
        DatabaseMetaData metadata = null;
        Connection physical = key;
        try {
            metadata = key.getMetaData();
            Connection named = metadata == null ? null : metadata.getConnection();
            if (named != null) {
                physical = named;
            }
        } catch (Throwable ignored) {
            // The metadata stays unknown; the statement is still recorded.
        }
        info = physical == key ? null : infos.get(physical);
        if (info == null) {
            info = ConnectionInfo.read(physical, metadata);
            infos.put(physical, info);
        }
        if (physical != key) {
            infos.put(key, info);
        }
        return info;
    }

    int size() {
        return infos.size();
    }

    private static Connection unwrap(Connection connection) {
        try {
            Connection inner = connection.unwrap(Connection.class);
            return inner == null ? connection : inner;
        } catch (Throwable e) {
            return connection;
        }
    }
}
