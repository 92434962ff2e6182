package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.benchmarks.Fixtures;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.trace.Tracer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to one OkHttp 5 {@code Call.execute()} on the application's thread: a real call through
 * OkHttp's interceptor chain, with and without the agent's tracing interceptor ({@link OkHttpFixture}).
 * Segments are renewed every 50 calls and handed to an emitter that discards them. {@link OkHttpCallCpuTime}
 * measures the same calls by CPU clock, the emitter's serialization included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class OkHttpCallBenchmark {
    private static final UnsampledTrace UNSAMPLED = new UnsampledTrace(Fixtures.TRACE_ID, null);

    private Tracer tracer;
    private OkHttpClient plain;
    private OkHttpClient traced;
    private Request request;
    private Segment segment;
    private int inSegment;

    @Setup
    public void setUp() {
        tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        OkHttpFixture fixture = new OkHttpFixture(tracer);
        plain = fixture.plain;
        traced = fixture.traced;
        request = fixture.request;
        newSegment();
    }

    @TearDown
    public void tearDown() {
        CurrentContext.restore(null);
        OkHttpFixture.uninstall();
    }

    @Setup(Level.Iteration)
    public void current() {
        CurrentContext.swap(segment);
    }

    /** The same call without the agent's interceptor: what OkHttp itself costs here. */
    @Benchmark
    public int plainCall() throws IOException {
        try (Response response = plain.newCall(request).execute()) {
            return response.code();
        }
    }

    /** A sampled request: header added to a rebuilt request, a remote subsegment begun and ended. */
    @Benchmark
    public int sampledCall() throws IOException {
        int code;
        try (Response response = traced.newCall(request).execute()) {
            code = response.code();
        }
        if (++inSegment == 50) {
            newSegment();
        }
        return code;
    }

    /** An unsampled request: no subsegment, the request still rebuilt with Sampled=0. */
    @Benchmark
    public int unsampledCall() throws IOException {
        Object previous = CurrentContext.swap(UNSAMPLED);
        try (Response response = traced.newCall(request).execute()) {
            return response.code();
        } finally {
            CurrentContext.restore(previous);
        }
    }

    private void newSegment() {
        if (segment != null) {
            tracer.endSegment(segment);
        }
        segment = tracer.beginSegment("bench", Fixtures.TRACE_ID, null, null, null);
        CurrentContext.swap(segment);
        inSegment = 0;
    }
}
