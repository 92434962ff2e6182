package io.xrayagent.benchmarks;

import io.xrayagent.core.header.TraceHeader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reading the incoming {@code X-Amzn-Trace-Id} header and writing the one for a downstream call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TraceHeaderBenchmark {
    // Non-final fields, so that the JIT cannot fold the inputs as constants.
    private String typical = Fixtures.TYPICAL_HEADER;
    private String garbage = Fixtures.GARBAGE_HEADER;
    private String traceId = Fixtures.TRACE_ID;
    private String parentId = Fixtures.PARENT_ID;
    private String passThrough = Fixtures.PASS_THROUGH;
    private boolean sampled = true;

    /** Root, Parent, Sampled and a Lineage pass-through field. */
    @Benchmark
    public TraceHeader parseTypical() {
        return TraceHeader.parse(typical);
    }

    /** Text with no field in it: the caller then starts a new trace. */
    @Benchmark
    public TraceHeader parseGarbage() {
        return TraceHeader.parse(garbage);
    }

    /** The header injected into an outgoing call of a sampled trace, with the Lineage field passed on. */
    @Benchmark
    public String forDownstream() {
        return TraceHeader.forDownstream(traceId, parentId, sampled, passThrough);
    }
}
