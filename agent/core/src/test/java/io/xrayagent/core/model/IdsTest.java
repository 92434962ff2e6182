package io.xrayagent.core.model;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {
    private static final Pattern ENTITY_ID = Pattern.compile("^[0-9a-f]{16}$");
    private static final Pattern TRACE_ID = Pattern.compile("^1-[0-9a-f]{8}-[0-9a-f]{24}$");

    @Test
    void entityIdsAreSixteenLowercaseHexDigitsNeverAllZero() {
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newEntityId();
            assertTrue(ENTITY_ID.matcher(id).matches(), id);
            assertNotEquals("0000000000000000", id);
        }
    }

    @Test
    void traceIdsHaveTheXRayFormWithTheGivenEpochSeconds() {
        long seconds = 1480615200L;
        String id = Ids.newTraceId(seconds);

        assertEquals(35, id.length());
        assertTrue(TRACE_ID.matcher(id).matches(), id);
        assertEquals("58406520", id.substring(2, 10));
        assertEquals(seconds, Long.parseLong(id.substring(2, 10), 16));
    }

    @Test
    void traceIdEpochPartIsZeroPaddedAndFollowsTheClock() {
        assertEquals("00000001", Ids.newTraceId(1L).substring(2, 10));
        assertEquals("00000000", Ids.newTraceId(0L).substring(2, 10));
        long now = System.currentTimeMillis() / 1000;
        String id = Ids.newTraceId(now);
        assertTrue(TRACE_ID.matcher(id).matches(), id);
        assertEquals(now, Long.parseLong(id.substring(2, 10), 16));
    }

    @Test
    void traceIdRandomPartsDifferBetweenCalls() {
        long seconds = 1716581281L;
        Set<String> randomParts = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String id = Ids.newTraceId(seconds);
            assertTrue(TRACE_ID.matcher(id).matches(), id);
            randomParts.add(id.substring(11));
        }
        assertEquals(1000, randomParts.size());
    }

    @Test
    void hundredThousandIdsAreUnique() {
        Set<String> entityIds = new HashSet<String>(200_000);
        Set<String> traceIds = new HashSet<String>(200_000);
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 100_000; i++) {
            entityIds.add(Ids.newEntityId());
            traceIds.add(Ids.newTraceId(seconds));
        }
        assertEquals(100_000, entityIds.size());
        assertEquals(100_000, traceIds.size());
    }

    @Test
    void idsFromManyThreadsAreUnique() throws InterruptedException {
        final int threads = 8;
        final int perThread = 10_000;
        final Set<String> all = java.util.Collections.synchronizedSet(new HashSet<String>());
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(new Runnable() {
                @Override
                public void run() {
                    for (int i = 0; i < perThread; i++) {
                        all.add(Ids.newEntityId());
                    }
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(threads * perThread, all.size());
    }

    @Test
    void randomHex24IsTwentyFourLowercaseHexDigits() {
        String clientId = Ids.newRandomHex24();
        assertTrue(clientId.matches("^[0-9a-f]{24}$"), clientId);
        assertNotEquals(clientId, Ids.newRandomHex24());
    }

    @Test
    void nowMicrosIsTheWallClockInMicroseconds() {
        long before = System.currentTimeMillis() * 1000L;
        long now = EpochClock.nowMicros();
        long after = System.currentTimeMillis() * 1000L;
        // Generous: the two clocks may be read through different paths; a minute covers any hiccup.
        long slack = 60_000_000L;
        assertTrue(now >= before - slack && now <= after + slack,
                "nowMicros " + now + " is not near currentTimeMillis " + before + ".." + after);
        // Epoch microseconds, not milliseconds or nanoseconds: 16 digits for any date from 2001 to 2286.
        assertEquals(16, Long.toString(now).length());
    }
}
