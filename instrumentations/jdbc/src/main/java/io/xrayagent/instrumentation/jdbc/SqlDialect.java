package io.xrayagent.instrumentation.jdbc;

/** How the SQL of one database family spells literals and comments, as far as sanitizing needs to know. */
enum SqlDialect {
    /** The SQL standard, as H2, Derby, HSQLDB, Oracle and SQL Server mostly follow it; H2's $$strings$$ too. */
    STANDARD(false, false, false, false),
    /** Dollar-quoted strings with tags, E'' strings with backslash escapes, nested block comments. */
    POSTGRESQL(false, false, false, true),
    /** MySQL and MariaDB: backslash escapes, "double-quoted" strings, # comments, "-- " needs its space. */
    MYSQL(true, true, true, false);

    final boolean backslashEscapes;
    final boolean doubleQuotedStrings;
    final boolean hashComments;
    final boolean postgres;

    SqlDialect(boolean backslashEscapes, boolean doubleQuotedStrings, boolean hashComments, boolean postgres) {
        this.backslashEscapes = backslashEscapes;
        this.doubleQuotedStrings = doubleQuotedStrings;
        this.hashComments = hashComments;
        this.postgres = postgres;
    }

    /** From {@code DatabaseMetaData.getDatabaseProductName()}. */
    static SqlDialect of(String productName) {
        if (productName == null) {
            return STANDARD;
        }
        String name = productName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("postgres") || name.contains("redshift") || name.contains("cockroach")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        return STANDARD;
    }
}
