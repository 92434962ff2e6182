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

    /** Epoch seconds with six decimals, the form X-Ray documents carry ({@code 1716581281.123456}). */
    public static String toSecondsText(long epochMicros) {
        long seconds = epochMicros / 1_000_000L;
        int micros = (int) (epochMicros % 1_000_000L);
        char[] fraction = new char[7];
        fraction[0] = '.';
        for (int i = 6; i >= 1; i--) {
            fraction[i] = (char) ('0' + micros % 10);
            micros /= 10;
        }
        return Long.toString(seconds).concat(new String(fraction));
    }
}
