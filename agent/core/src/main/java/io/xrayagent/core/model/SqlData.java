package io.xrayagent.core.model;

/**
 * What the {@code sql} block says about the database behind one connection. Immutable, so that one instance
 * per physical connection serves every statement on it; what differs per statement (the preparation and the
 * sanitized query) is kept on the {@link Subsegment}.
 */
public final class SqlData {
    private final String url;
    private final String user;
    private final String databaseType;
    private final String databaseVersion;
    private final String driverVersion;

    /** {@code url} must already be free of credentials: it is written as given. */
    public SqlData(String url, String user, String databaseType, String databaseVersion, String driverVersion) {
        this.url = url;
        this.user = user;
        this.databaseType = databaseType;
        this.databaseVersion = databaseVersion;
        this.driverVersion = driverVersion;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String databaseType() {
        return databaseType;
    }

    public String databaseVersion() {
        return databaseVersion;
    }

    public String driverVersion() {
        return driverVersion;
    }
}
