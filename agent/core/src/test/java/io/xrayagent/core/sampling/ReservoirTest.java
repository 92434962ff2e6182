package io.xrayagent.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReservoirTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_250L);

    private int takeRepeatedly(Reservoir reservoir, int attempts) {
        int taken = 0;
        for (int i = 0; i < attempts; i++) {
            if (reservoir.take()) {
                taken++;
            }
        }
        return taken;
    }

    @Test
    void takesExactlyFixedTargetPerSecondAndResetsOnTheNextSecond() {
        Reservoir reservoir = new Reservoir(3, now::get);

        assertTrue(reservoir.take());
        assertTrue(reservoir.take());
        assertTrue(reservoir.take());
        assertFalse(reservoir.take());

        now.set(1_700_000_000_999L);
        assertFalse(reservoir.take(), "still the same calendar second");

        now.set(1_700_000_001_000L);
        assertEquals(3, takeRepeatedly(reservoir, 10), "a new second brings a new allowance");

        now.set(1_700_000_005_123L);
        assertEquals(3, takeRepeatedly(reservoir, 10), "after idle seconds too");
    }

    @Test
    void calendarSecondsNotSlidingWindows() {
        Reservoir reservoir = new Reservoir(1, now::get);
        now.set(1_700_000_000_999L);
        assertTrue(reservoir.take());
        now.set(1_700_000_001_001L);
        assertTrue(reservoir.take(), "2 ms later, but in the next calendar second");
    }

    @Test
    void zeroTargetNeverTakes() {
        Reservoir reservoir = new Reservoir(0, now::get);
        assertEquals(0, takeRepeatedly(reservoir, 100));
    }

    @Test
    void negativeTargetIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Reservoir(-1, now::get));
    }

    @Test
    void aReadingFromJustBeforeTheSecondEndedCountsAgainstTheNewSecond() {
        Reservoir reservoir = new Reservoir(2, now::get);
        now.set(1_700_000_001_000L);
        assertEquals(2, takeRepeatedly(reservoir, 2));
        now.set(1_700_000_000_999L);
        assertFalse(reservoir.take(), "must not reopen the previous second and take twice as many");
    }

    @Test
    void aClockSetBackFurtherStartsAfresh() {
        Reservoir reservoir = new Reservoir(2, now::get);
        assertEquals(2, takeRepeatedly(reservoir, 5));
        now.addAndGet(-60_000L);
        assertEquals(2, takeRepeatedly(reservoir, 5));
    }

    @Test
    void worksForAnyEpochSecond() {
        long[][] stepsInMillis = {
            {0L, 1_000L},
            {-1_001L, -1L},
            {-1L, 0L},
            {4_294_967_295_000L, 4_294_967_296_000L}, // the 32-bit second counter wraps
            {7_258_118_400_000L, 7_258_118_401_000L}, // year 2200
        };
        for (long[] steps : stepsInMillis) {
            now.set(steps[0]);
            Reservoir reservoir = new Reservoir(1, now::get);
            assertEquals(1, takeRepeatedly(reservoir, 3), "at " + steps[0]);
            now.set(steps[1]);
            assertEquals(1, takeRepeatedly(reservoir, 3), "at " + steps[1]);
        }
    }

    @Test
    void largestTargetTakes() {
        Reservoir reservoir = new Reservoir(Integer.MAX_VALUE, now::get);
        assertEquals(1000, takeRepeatedly(reservoir, 1000));
    }

    @Test
    void concurrentTakersShareOneAllowanceExactly() throws Exception {
        int threads = 8;
        Reservoir reservoir = new Reservoir(100, now::get);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return takeRepeatedly(reservoir, 20_000);
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(30, TimeUnit.SECONDS);
            }
            assertEquals(100, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
