package io.xrayagent.receiver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingTracesTest {
    private static final long IDLE = 1_000_000_000L;

    @Test
    void releasesATraceOnlyOnceItHasBeenQuietForTheIdleTime() {
        PendingTraces pending = new PendingTraces();
        pending.add(document("one", "1-00000001-000000000000000000000001"), 0);
        pending.add(document("two", "1-00000001-000000000000000000000002"), 300_000_000L);
        pending.add(document("three", "1-00000001-000000000000000000000001"), 900_000_000L);

        assertTrue(pending.drainIdle(1_200_000_000L, IDLE).isEmpty());
        List<List<ReceivedDocument>> first = pending.drainIdle(1_300_000_000L, IDLE);
        assertEquals(1, first.size());
        assertEquals("two", first.get(0).get(0).name());
        assertTrue(pending.drainIdle(1_800_000_000L, IDLE).isEmpty());
        List<List<ReceivedDocument>> second = pending.drainIdle(1_900_000_000L, IDLE);
        assertEquals(1, second.size());
        assertEquals("one", second.get(0).get(0).name());
        assertEquals("three", second.get(0).get(1).name());
        assertTrue(pending.drainAll().isEmpty());
    }

    @Test
    void drainAllReleasesEverythingInTheOrderTracesFirstArrived() {
        PendingTraces pending = new PendingTraces();
        pending.add(document("one", "1-00000001-000000000000000000000001"), 0);
        pending.add(document("no-trace", null), 1);
        pending.add(document("three", "1-00000001-000000000000000000000001"), 2);

        List<List<ReceivedDocument>> all = pending.drainAll();

        assertEquals(2, all.size());
        assertEquals(2, all.get(0).size());
        assertEquals("no-trace", all.get(1).get(0).name());
        assertTrue(pending.drainIdle(Long.MAX_VALUE, IDLE).isEmpty());
    }

    private static ReceivedDocument document(String name, String traceId) {
        String trace = traceId == null ? "" : ",\"trace_id\":\"" + traceId + "\"";
        return Documents.of("{\"name\":\"" + name + "\",\"id\":\"f000000000000001\"" + trace + ",\"start_time\":1}");
    }
}
