package io.xrayagent.benchmarks;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.instrumentation.javahttpclient.jdk11.JdkClientHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
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
 * What the agent adds to one {@code java.net.http.HttpClient} call on top of the client's own work: what the woven
 * advice runs, {@link HttpClientBridge#enter}/{@link HttpClientBridge#exit} (call depth, handler) with the real
 * {@link JdkClientHandler}: the request rebuilt with the trace header, the subsegment begun and ended from the
 * response (for {@code sendAsync}: the extra stage on the future, completed with the response). Each operation
 * also begins and ends the request's segment, which {@link #segmentAlone} measures by itself: a call costs the
 * difference.
 *
 * <p>{@link #main} measures the same operations in CPU time of the measuring thread (ThreadMXBean), which a busy
 * machine's descheduling does not inflate as it does JMH's wall-clock averages:
 * {@code java -cp benchmarks/target/benchmarks.jar io.xrayagent.benchmarks.JdkHttpClientCallBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JdkHttpClientCallBenchmark {
    private Tracer tracer;
    private HttpRequest request;
    private HttpResponse<String> response;
    private Object client;

    @Setup
    public void setUp() {
        tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        HttpClientBridge.install(HttpClientBridge.JDK_HTTP_CLIENT, new JdkClientHandler(new HttpClientRecorder(tracer)));
        request = HttpRequest.newBuilder(URI.create("http://inventory.internal:8080/items/42?fields=all"))
                .header("Accept", "application/json").build();
        response = new FixedResponse(request);
        client = new Object();
    }

    @Benchmark
    public Object segmentAlone() {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return segment;
    }

    @Benchmark
    public Object send() {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        Object[] arguments = {request, HttpResponse.BodyHandlers.discarding()};
        Object scope = HttpClientBridge.enter(HttpClientBridge.JDK_HTTP_CLIENT, client, arguments);
        Object returned = HttpClientBridge.exit(HttpClientBridge.JDK_HTTP_CLIENT, scope, response, null);
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return returned;
    }

    @Benchmark
    public Object sendAsync() {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        Object[] arguments = {request, HttpResponse.BodyHandlers.discarding()};
        CompletableFuture<HttpResponse<String>> exchange = new CompletableFuture<>();
        Object scope = HttpClientBridge.enter(HttpClientBridge.JDK_HTTP_CLIENT, client, arguments);
        Object returned = HttpClientBridge.exit(HttpClientBridge.JDK_HTTP_CLIENT, scope, exchange, null);
        exchange.complete(response);
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return returned;
    }

    public static void main(String[] args) {
        JdkHttpClientCallBenchmark benchmark = new JdkHttpClientCallBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int operations = 1_000_000;
        for (int round = 0; round < 6; round++) {
            long[] nanos = new long[3];
            for (int which = 0; which < 3; which++) {
                long start = threads.getCurrentThreadCpuTime();
                Object sink = null;
                for (int i = 0; i < operations; i++) {
                    sink = which == 0 ? benchmark.segmentAlone() : which == 1 ? benchmark.send() : benchmark.sendAsync();
                }
                nanos[which] = threads.getCurrentThreadCpuTime() - start;
                if (sink == null) {
                    throw new IllegalStateException();
                }
            }
            // The first rounds warm up the JIT; the last ones are the figures.
            System.out.printf("round %d: CPU ns/op segmentAlone %.0f, send %.0f (call %.0f), sendAsync %.0f (call %.0f)%n",
                    round + 1, nanos[0] / (double) operations, nanos[1] / (double) operations,
                    (nanos[1] - nanos[0]) / (double) operations, nanos[2] / (double) operations,
                    (nanos[2] - nanos[0]) / (double) operations);
        }
    }

    /** A 200 response with a Content-Length, as the client hands it over. */
    static final class FixedResponse implements HttpResponse<String> {
        private final HttpRequest request;
        private final HttpHeaders headers = HttpHeaders.of(
                Map.of("content-length", List.of("312"), "content-type", List.of("application/json")), (name, value) -> true);

        FixedResponse(HttpRequest request) {
            this.request = request;
        }

        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return headers;
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
