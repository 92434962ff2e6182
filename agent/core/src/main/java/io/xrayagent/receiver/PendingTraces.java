package io.xrayagent.receiver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds received documents by trace until their trace has been quiet for a while, as the X-Ray daemon
 * holds a partial batch until it has been idle for a second. The caller passes the time, so the rule is
 * testable without sleeping.
 */
final class PendingTraces {
    private final Map<String, Pending> byTrace = new LinkedHashMap<String, Pending>();

    synchronized void add(ReceivedDocument document, long nowNanos) {
        String key = document.traceId() == null ? "" : document.traceId();
        Pending pending = byTrace.get(key);
        if (pending == null) {
            pending = new Pending();
            byTrace.put(key, pending);
        }
        pending.documents.add(document);
        pending.lastArrivalNanos = nowNanos;
    }

    /**
     * Removes and returns the traces that received nothing for at least {@code idleNanos}, in the order
     * their first documents arrived.
     */
    synchronized List<List<ReceivedDocument>> drainIdle(long nowNanos, long idleNanos) {
        List<List<ReceivedDocument>> idle = new ArrayList<List<ReceivedDocument>>();
        for (Iterator<Pending> it = byTrace.values().iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (nowNanos - pending.lastArrivalNanos >= idleNanos) {
                idle.add(pending.documents);
                it.remove();
            }
        }
        return idle;
    }

    synchronized List<List<ReceivedDocument>> drainAll() {
        List<List<ReceivedDocument>> all = new ArrayList<List<ReceivedDocument>>();
        for (Pending pending : byTrace.values()) {
            all.add(pending.documents);
        }
        byTrace.clear();
        return all;
    }

    private static final class Pending {
        final List<ReceivedDocument> documents = new ArrayList<ReceivedDocument>();
        long lastArrivalNanos;
    }
}
