package io.xrayagent.benchmarks;

import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.recorder.ServerScope;
import io.xrayagent.core.sampling.Samplers;
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

/**
 * Everything the recorders do on the request thread for one request that makes one outgoing HTTP call:
 * {@link HttpServerRecorder#begin} (header parse, sampling, response header, segment, current context),
 * {@link HttpClientRecorder#begin} and {@code end} (subsegment, injected header), {@link HttpServerRecorder#end}
 * (context restored, segment ended and handed to an emitter that discards). Serialization and sending run
 * on the emitter's thread: see SerializationBenchmark and UdpEmitterBenchmark.
 *
 * <p>Not included: the woven advice and bridges of the instrumentations that call the recorders.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RecorderBenchmark {
    private HttpServerRecorder sampleAll;
    private HttpServerRecorder sampleNone;
    private HttpClientRecorder client;
    private Fixtures.FixedServerRequest noHeader;
    private Fixtures.FixedServerRequest sampledUpstream;
    private Fixtures.FixedClientRequest outgoing;

    @Setup
    public void setUp() {
        Tracer tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        sampleAll = new HttpServerRecorder(tracer, Samplers.all(), "orders-service", null);
        sampleNone = new HttpServerRecorder(tracer, Samplers.none(), "orders-service", null);
        client = new HttpClientRecorder(tracer);
        noHeader = new Fixtures.FixedServerRequest(null);
        sampledUpstream = new Fixtures.FixedServerRequest(Fixtures.TYPICAL_HEADER);
        outgoing = new Fixtures.FixedClientRequest();
    }

    /** No incoming header: a new trace id, the sampler says yes (Samplers.all()). */
    @Benchmark
    public ServerScope sampledRequest() {
        return oneRequest(sampleAll, noHeader);
    }

    /** The upstream decided: Root, Parent, Sampled=1 and Lineage come in, the sampler is not asked. */
    @Benchmark
    public ServerScope sampledRequestFromTracedCaller() {
        return oneRequest(sampleAll, sampledUpstream);
    }

    /** No incoming header, the sampler says no (Samplers.none()): the call still carries Sampled=0 on. */
    @Benchmark
    public ServerScope unsampledRequest() {
        return oneRequest(sampleNone, noHeader);
    }

    private ServerScope oneRequest(HttpServerRecorder server, Fixtures.FixedServerRequest request) {
        ServerScope scope = server.begin(request);
        Subsegment call = client.begin(outgoing);
        client.end(call, 200, 312, null);
        server.end(scope, 200, 1024, null);
        return scope;
    }
}
