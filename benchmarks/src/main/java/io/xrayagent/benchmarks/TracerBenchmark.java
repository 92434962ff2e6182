package io.xrayagent.benchmarks;

import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.trace.Tracer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A segment's life: begin, two subsegments begun and ended, end and hand-off to an emitter that discards. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TracerBenchmark {
    private Tracer tracer;
    private String name;
    private String traceId;
    private String parentId;
    private String passThrough;

    @Setup
    public void setUp() {
        tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        name = "orders-service";
        traceId = Fixtures.TRACE_ID;
        parentId = Fixtures.PARENT_ID;
        passThrough = Fixtures.PASS_THROUGH;
    }

    @Benchmark
    public Segment segmentWithTwoSubsegments() {
        Segment segment = tracer.beginSegment(name, traceId, parentId, passThrough, "Default");
        Subsegment first = tracer.beginSubsegment(segment, "inventory.internal", "remote");
        tracer.endSubsegment(first);
        Subsegment second = tracer.beginSubsegment(segment, "render", null);
        tracer.endSubsegment(second);
        tracer.endSegment(segment);
        return segment;
    }
}
