package io.xrayagent.core.trace;

import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.log.AgentLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What to do when an instrumented call happens outside any traced request (a batch job, a scheduler):
 * nothing is recorded either way; with LOG_ERROR it is said once a minute at most, with a count, so that
 * a busy job without requests cannot fill the logs.
 */
public final class ContextMissingReporter {
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ContextMissingStrategy strategy;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);

    public ContextMissingReporter(ContextMissingStrategy strategy) {
        this.strategy = strategy;
    }

    public void report(String what) {
        if (strategy != ContextMissingStrategy.LOG_ERROR) {
            return;
        }
        long now = System.nanoTime();
        long next = nextReport.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextReport.compareAndSet(next, now + INTERVAL_NANOS)) {
            long others = suppressed.getAndSet(0);
            AgentLog.error("no current segment: " + what + " was not traced"
                    + (others > 0 ? " (and " + others + " more calls in the last minute)" : "")
                    + "; set contextMissingStrategy=IGNORE_ERROR to silence this");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
