package io.xrayagent.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cause} of an entity: either a reference to an exception already recorded elsewhere in the
 * trace (the id of that exception), or the exceptions themselves, outermost first, each pointing at the
 * one that caused it.
 */
public final class Cause {
    /** Exceptions of one chain beyond this many are summed up in the last one's {@code skipped}. */
    static final int MAX_EXCEPTIONS = 10;

    private final String referencedId;
    private final List<ExceptionRecord> exceptions;

    private Cause(String referencedId, List<ExceptionRecord> exceptions) {
        this.referencedId = referencedId;
        this.exceptions = exceptions;
    }

    static Cause reference(String exceptionId) {
        return new Cause(exceptionId, Collections.<ExceptionRecord>emptyList());
    }

    static Cause of(Throwable thrown, int maxFrames, Map<Throwable, String> knownIds) {
        List<ExceptionRecord> records = new ArrayList<ExceptionRecord>(2);
        Map<Throwable, Boolean> seen = new IdentityHashMap<Throwable, Boolean>();
        Throwable current = thrown;
        String previousId = null;
        ExceptionRecord previous = null;
        int skipped = 0;
        while (current != null && seen.put(current, Boolean.TRUE) == null) {
            if (records.size() >= MAX_EXCEPTIONS) {
                skipped++;
                current = current.getCause();
                continue;
            }
            String known = previous == null ? null : knownIds.get(current);
            if (known != null) {
                // Already described in this trace (a child's failure this one wraps): link to that record,
                // as the Java SDK does, instead of describing it a second time under a new id.
                previous.setCauseId(known);
                break;
            }
            String id = Ids.newEntityId();
            knownIds.put(current, id);
            ExceptionRecord record = ExceptionRecord.of(id, current, maxFrames);
            if (previous != null) {
                previous.setCauseId(id);
            }
            records.add(record);
            previous = record;
            previousId = id;
            current = current.getCause();
        }
        if (previous != null && skipped > 0) {
            previous.setSkipped(skipped);
        }
        return previousId == null ? null : new Cause(null, records);
    }

    /** Non-null when this cause only points at an exception recorded in a child entity. */
    public String referencedId() {
        return referencedId;
    }

    public List<ExceptionRecord> exceptions() {
        return exceptions;
    }
}
