package io.xrayagent.core.model;

import java.time.Clock;
import java.time.Instant;

/** Wall-clock time in epoch microseconds: microsecond precision on Java 9+, milliseconds on Java 8. */
public final class EpochClock {
    private static final Clock UTC = Clock.systemUTC();

    private EpochClock() {
    }

    public static long nowMicros() {
        Instant now = UTC.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
