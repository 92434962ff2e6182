package io.xrayagent.core.sampling;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets through at most {@code perSecond} requests in each calendar second.
 *
 * <p>The current second and the number taken in it share one {@link AtomicLong} (second in the high 32 bits,
 * count in the low 32), so a take is a single compare-and-set: no lock, and no window in which another
 * thread sees a new second with an old count.
 */
final class Reservoir {
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private final int perSecond;
    private final LongSupplier epochMillis;
    private final AtomicLong secondAndCount;

    Reservoir(int perSecond, LongSupplier epochMillis) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be >= 0, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.epochMillis = epochMillis;
        // Starting from the current second, not from zero, leaves no made-up second to be mistaken for a real one.
        this.secondAndCount = new AtomicLong(currentSecond() << 32);
    }

    int perSecond() {
        return perSecond;
    }

    /** Takes one request from this second's allowance; false once it is used up. */
    boolean take() {
        if (perSecond == 0) {
            return false;
        }
        long now = currentSecond();
        for (;;) {
            long current = secondAndCount.get();
            long second = current >>> 32;
            long next;
            // A thread that read the clock just before a second ended may arrive after another thread has
            // opened the next second; counting it against that newer second, instead of reopening its own,
            // keeps the allowance exact at the boundary. Any other difference (a new second, a clock set
            // back) starts the second afresh.
            if (second == now || second == ((now + 1) & LOW_32)) {
                if ((current & LOW_32) >= perSecond) {
                    return false;
                }
                next = current + 1;
            } else {
                next = (now << 32) | 1L;
            }
            if (secondAndCount.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /** Only equality of seconds matters, so their low 32 bits are enough (they wrap in the year 2106). */
    private long currentSecond() {
        return Math.floorDiv(epochMillis.getAsLong(), 1000L) & LOW_32;
    }
}
