package io.xrayagent.benchmarks;

import io.xrayagent.core.sampling.Sampler;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.sampling.SamplingDecision;
import io.xrayagent.core.sampling.SamplingRequest;
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
 * One sampling decision for a request that carries no upstream decision. The request object is built once:
 * this is {@link Sampler#decide} alone (the recorder benchmarks include building the request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SamplingBenchmark {
    /**
     * Five version-2 rules; the first four agree on the method but not on the path or host, so each is
     * ruled out only after more than one matcher ran; the last one matches.
     */
    static final String FIVE_RULES = "{\"version\": 2, \"rules\": [\n"
            + "  {\"description\": \"health\", \"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/health*\","
            + " \"fixed_target\": 0, \"rate\": 0},\n"
            + "  {\"description\": \"admin\", \"host\": \"*\", \"http_method\": \"*\", \"url_path\": \"/admin/*\","
            + " \"fixed_target\": 1, \"rate\": 1},\n"
            + "  {\"description\": \"users\", \"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/api/users/*\","
            + " \"fixed_target\": 1, \"rate\": 0.5},\n"
            + "  {\"description\": \"billing-host\", \"host\": \"billing.*\", \"http_method\": \"GET\","
            + " \"url_path\": \"/api/*\", \"fixed_target\": 2, \"rate\": 0.2},\n"
            + "  {\"description\": \"orders\", \"host\": \"orders.example.com\", \"http_method\": \"GET\","
            + " \"url_path\": \"/api/orders/*\", \"fixed_target\": 1, \"rate\": 0.1}\n"
            + "], \"default\": {\"fixed_target\": 1, \"rate\": 0.05}}";

    private Sampler defaultLocal;
    private Sampler fiveRules;
    private Sampler all;
    private SamplingRequest request;

    @Setup
    public void setUp() {
        defaultLocal = Samplers.defaultLocal();
        fiveRules = Samplers.localFromJson(FIVE_RULES);
        all = Samplers.all();
        request = new SamplingRequest("orders.example.com", "GET", "/api/orders/42", "orders-service", null);
        String matched = fiveRules.decide(request).ruleName();
        if (!"orders".equals(matched)) {
            throw new IllegalStateException("the last rule should match, but " + matched + " did");
        }
    }

    /** The built-in rules: 1 request a second from the reservoir, then a 5% draw. */
    @Benchmark
    public SamplingDecision defaultLocal() {
        return defaultLocal.decide(request);
    }

    @Benchmark
    public SamplingDecision fiveRulesLastMatches() {
        return fiveRules.decide(request);
    }

    @Benchmark
    public SamplingDecision all() {
        return all.decide(request);
    }
}
