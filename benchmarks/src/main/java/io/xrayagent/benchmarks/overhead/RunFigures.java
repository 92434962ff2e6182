package io.xrayagent.benchmarks.overhead;

import java.util.Locale;

/**
 * What one start of the application measured.
 *
 * @param startupMillis from starting the JVM to the first successful response of {@code /book}
 * @param warmupRequests requests served before the measured load
 * @param requestsPerSecond throughput of the measured load
 * @param cpuMicrosPerRequest the process's CPU time (all threads: also JIT, GC and the agent's) during the
 *     measured load, per request
 * @param jitMicrosPerRequest the part of it spent by the JIT compiler's threads (still compiling: warm-up too short)
 * @param senderMicrosPerRequest the part of it spent by xray-agent's sender thread (serialization and {@code send})
 * @param allocatedBytesPerRequest bytes allocated by all live threads during the measured load, per request
 * @param rssBytes resident set size after the load
 * @param loadedClasses classes loaded after the load
 * @param segments segment documents the daemon stand-in received from this JVM
 * @param requests requests the application served, all of them (start-up, warm-up, measured, statistics)
 */
record RunFigures(double startupMillis, long warmupRequests, double requestsPerSecond, double p50Millis, double p99Millis,
        double cpuMicrosPerRequest, double jitMicrosPerRequest, double senderMicrosPerRequest,
        double allocatedBytesPerRequest, long rssBytes, long loadedClasses, long segments, long requests) {

    double segmentsPerRequest() {
        return requests == 0 ? 0 : (double) segments / requests;
    }

    /** One line with every figure, for the log before the table. */
    String raw() {
        return String.format(Locale.ROOT, "startup %.0f ms, warm-up %d requests, %.0f requests/s, p50 %.3f ms, p99 %.3f ms, CPU %.1f us/request"
                + " (JIT %.1f, xray-agent sender %.1f), allocated %.0f B/request, RSS %.1f MB, %d classes, %d segments"
                + " for %d requests", startupMillis, warmupRequests, requestsPerSecond, p50Millis, p99Millis, cpuMicrosPerRequest,
                jitMicrosPerRequest, senderMicrosPerRequest, allocatedBytesPerRequest, rssBytes / 1048576.0, loadedClasses,
                segments, requests);
    }
}
