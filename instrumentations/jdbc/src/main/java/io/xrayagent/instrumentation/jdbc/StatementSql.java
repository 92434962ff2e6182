package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.core.state.WeakKeyedMap;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The SQL behind statements that are executed without it: prepared statements (their SQL was given to
 * {@code prepareStatement}) and plain statements' batches ({@code addBatch(sql)}). Kept only while queries
 * are recorded, and weakly, so that a statement nobody closes still goes away.
 */
final class StatementSql {
    /**
     * How much of a plain statement's batch is kept to be sanitized: a batch of the same few statements with
     * different values sanitizes to those few, so the first thousand distinct texts (64 K characters at
     * most, what the sanitizer reads of one statement) show them; statements added beyond are not named.
     */
    static final int MAX_BATCH_STATEMENTS = 1000;
    static final int MAX_BATCH_CHARS = SqlSanitizer.MAX_SCAN;

    private final WeakKeyedMap<Object, String> prepared = new WeakKeyedMap<Object, String>();
    private final WeakKeyedMap<Object, Batch> batches = new WeakKeyedMap<Object, Batch>();

    void prepared(Object statement, String sql) {
        if (sql != null) {
            prepared.put(statement, sql);
        }
    }

    void forget(Object statement) {
        prepared.remove(statement);
        batches.remove(statement);
    }

    String preparedSql(Object statement) {
        return prepared.get(statement);
    }

    /** A statement is used by one thread at a time (JDBC statements are not thread-safe), so no lock is held. */
    void batchAdded(Object statement, String sql) {
        if (sql == null) {
            batches.remove(statement);
            return;
        }
        Batch batch = batches.get(statement);
        if (batch == null) {
            batch = new Batch();
            batches.put(statement, batch);
        }
        if (batch.texts.size() < MAX_BATCH_STATEMENTS && batch.chars + sql.length() <= MAX_BATCH_CHARS
                && batch.texts.add(sql)) {
            batch.chars += sql.length();
        }
    }

    /** The batch's distinct statements, now executed, so forgotten; null when none were added. */
    Collection<String> takeBatch(Object statement) {
        Batch batch = batches.remove(statement);
        return batch == null ? null : batch.texts;
    }

    int size() {
        return prepared.size() + batches.size();
    }

    private static final class Batch {
        final Set<String> texts = new LinkedHashSet<String>();
        int chars;
    }
}
