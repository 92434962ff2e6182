package io.xrayagent.instrumentation.jdbc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Applications run the same few hundred statements over and over, mostly as the same String instances
 * (an ORM's generated SQL, a constant): each is sanitized once. Bounded: when full, the cache starts over.
 */
final class SanitizedQueries {
    static final int MAX_ENTRIES = 512;
    /** Longer statements are sanitized each time rather than kept. */
    static final int MAX_CACHED_LENGTH = 2048;

    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, String>[] byDialect = new ConcurrentHashMap[SqlDialect.values().length];

    SanitizedQueries() {
        for (int i = 0; i < byDialect.length; i++) {
            byDialect[i] = new ConcurrentHashMap<String, String>();
        }
    }

    String sanitized(String sql, SqlDialect dialect) {
        if (sql == null) {
            return null;
        }
        if (sql.length() > MAX_CACHED_LENGTH) {
            return SqlSanitizer.sanitize(sql, dialect);
        }
        ConcurrentHashMap<String, String> cache = byDialect[dialect.ordinal()];
        String known = cache.get(sql);
        if (known != null) {
            return known;
        }
        String sanitized = SqlSanitizer.sanitize(sql, dialect);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(sql, sanitized);
        return sanitized;
    }

    int size(SqlDialect dialect) {
        return byDialect[dialect.ordinal()].size();
    }
}
