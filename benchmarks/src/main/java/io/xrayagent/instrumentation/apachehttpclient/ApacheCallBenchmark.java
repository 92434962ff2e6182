package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.benchmarks.Fixtures;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.LibraryHelper;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.trace.Tracer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.http.HttpHost;
import org.apache.http.HttpVersion;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.HttpClients;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to one Apache HttpClient call on the application's side, with no network: what the woven
 * {@code doExecute} advice runs ({@link HttpClientBridge#enter}/{@link HttpClientBridge#exit} with the real
 * handlers and the library helpers loaded beside the client classes, as in an application), the header set on
 * the real request object and taken off again, the subsegment begun and ended from a real response object.
 * For the async client the exchange is played the way the client drives it (the producer hands its request to a
 * channel, the consumer gets the response head and reports its result, the future calls the callback), once with
 * the agent's wrappers ({@link #async5}) and once without ({@link #async5Plain}). Every operation also begins and
 * ends the request's segment, which {@link #segmentAlone} measures by itself.
 *
 * <p>{@link #main} measures the same operations in CPU time of the measuring thread:
 * {@code java -cp benchmarks/target/benchmarks.jar io.xrayagent.instrumentation.apachehttpclient.ApacheCallBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ApacheCallBenchmark {
    private static final String URL = "http://inventory.internal:8080/items/42?fields=all";
    private static final RequestChannel CHANNEL = new RequestChannel() {
        @Override
        public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext context) {
        }
    };
    private static final FutureCallback<SimpleHttpResponse> RESULT = new FutureCallback<SimpleHttpResponse>() {
        @Override
        public void completed(SimpleHttpResponse result) {
        }

        @Override
        public void failed(Exception ex) {
        }

        @Override
        public void cancelled() {
        }
    };

    private Tracer tracer;
    private Object client4;
    private Object client5;
    private CloseableHttpAsyncClient async5;
    private Object[] classic4Arguments;
    private Object[] classic5Arguments;
    private org.apache.http.HttpResponse response4;
    private org.apache.hc.core5.http.ClassicHttpResponse response5;
    private AsyncRequestProducer producer;
    private AsyncResponseConsumer<SimpleHttpResponse> consumer;
    private HttpClientContext context;
    private BasicHttpResponse head;

    @Setup
    public void setUp() {
        tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        HttpClientRecorder recorder = new HttpClientRecorder(tracer);
        ClassLoader loader = ApacheCallBenchmark.class.getClassLoader();
        HttpClientBridge.install(HttpClientBridge.APACHE_HTTPCLIENT_4, new ClassicCallHandler(recorder,
                new LibraryHelper<ClassicClientApi>(ClassicClientApi.class, ApacheHttpClientInstrumentation.CLASSIC_4_API, loader),
                "Apache HttpClient 4"));
        HttpClientBridge.install(HttpClientBridge.APACHE_HTTPCLIENT_5, new ClassicCallHandler(recorder,
                new LibraryHelper<ClassicClientApi>(ClassicClientApi.class, ApacheHttpClientInstrumentation.CLASSIC_5_API, loader),
                "Apache HttpClient 5"));
        HttpClientBridge.install(HttpClientBridge.APACHE_HTTPCLIENT_5_ASYNC, new AsyncCallHandler(recorder,
                new LibraryHelper<AsyncClientApi>(AsyncClientApi.class, ApacheHttpClientInstrumentation.ASYNC_5_API, loader), true));

        client4 = HttpClients.createMinimal();
        URI uri = URI.create(URL);
        classic4Arguments = new Object[] {new HttpHost("inventory.internal", 8080, "http"),
            new org.apache.http.client.methods.HttpGet(uri), null};
        org.apache.http.message.BasicHttpResponse plain4 = new org.apache.http.message.BasicHttpResponse(HttpVersion.HTTP_1_1, 200, "OK");
        plain4.setEntity(new ByteArrayEntity(new byte[312]));
        response4 = plain4;

        client5 = org.apache.hc.client5.http.impl.classic.HttpClients.createMinimal();
        classic5Arguments = new Object[] {new org.apache.hc.core5.http.HttpHost("http", "inventory.internal", 8080),
            new org.apache.hc.client5.http.classic.methods.HttpGet(uri), null};
        BasicClassicHttpResponse plain5 = new BasicClassicHttpResponse(200, "OK");
        plain5.setEntity(new org.apache.hc.core5.http.io.entity.ByteArrayEntity(new byte[312], null));
        response5 = plain5;

        async5 = HttpAsyncClients.createMinimal();
        producer = SimpleRequestProducer.create(new SimpleHttpRequest("GET", uri));
        consumer = SimpleResponseConsumer.create();
        context = HttpClientContext.create();
        head = new BasicHttpResponse(200, "OK");
        head.setHeader("Content-Length", "0");
    }

    @TearDown
    public void tearDown() throws IOException {
        ((java.io.Closeable) client4).close();
        ((java.io.Closeable) client5).close();
        async5.close();
    }

    @Benchmark
    public Object segmentAlone() {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return segment;
    }

    /** 4.x {@code doExecute(target, request, context)} returning a 200 with 312 bytes. */
    @Benchmark
    public Object classic4() {
        return classic(HttpClientBridge.APACHE_HTTPCLIENT_4, client4, classic4Arguments.clone(), response4);
    }

    /** 5.x classic {@code doExecute(target, request, context)} returning a 200 with 312 bytes. */
    @Benchmark
    public Object classic5() {
        return classic(HttpClientBridge.APACHE_HTTPCLIENT_5, client5, classic5Arguments.clone(), response5);
    }

    private Object classic(int clientId, Object client, Object[] arguments, Object response) {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        Object scope = HttpClientBridge.enter(clientId, client, arguments);
        Object returned = HttpClientBridge.exit(clientId, scope, response, null);
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return returned;
    }

    /** The async exchange with the agent: doExecute's advice wraps producer, consumer and callback. */
    @Benchmark
    public Object async5() throws Exception {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        Object[] arguments = {null, producer, consumer, null, context, null};
        Object scope = HttpClientBridge.enter(HttpClientBridge.APACHE_HTTPCLIENT_5_ASYNC, async5, arguments);
        HttpClientBridge.exit(HttpClientBridge.APACHE_HTTPCLIENT_5_ASYNC, scope, null, null);
        Object result = exchange(arguments);
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return result;
    }

    /** The same exchange as the client drives it without the agent. */
    @Benchmark
    public Object async5Plain() throws Exception {
        Segment segment = tracer.beginSegment("orders-service", Fixtures.TRACE_ID, null, null, null);
        Object previous = CurrentContext.swap(segment);
        Object result = exchange(new Object[] {null, producer, consumer, null, context, null});
        CurrentContext.restore(previous);
        tracer.endSegment(segment);
        return result;
    }

    /** What the client does with doExecute's arguments, minus the network: request out, response in, callbacks. */
    @SuppressWarnings("unchecked")
    private Object exchange(Object[] arguments) throws HttpException, IOException {
        ((AsyncRequestProducer) arguments[1]).sendRequest(CHANNEL, context);
        AsyncResponseConsumer<SimpleHttpResponse> responses = (AsyncResponseConsumer<SimpleHttpResponse>) arguments[2];
        final SimpleHttpResponse[] result = new SimpleHttpResponse[1];
        responses.consumeResponse(head, null, context, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                result[0] = response;
            }

            @Override
            public void failed(Exception ex) {
            }

            @Override
            public void cancelled() {
            }
        });
        FutureCallback<SimpleHttpResponse> callback = (FutureCallback<SimpleHttpResponse>) arguments[5];
        (callback == null ? RESULT : callback).completed(result[0]);
        return result[0];
    }

    public static void main(String[] args) throws Exception {
        ApacheCallBenchmark benchmark = new ApacheCallBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"segmentAlone", "classic4", "classic5", "async5Plain", "async5"};
        int operations = 500_000;
        for (int round = 0; round < 6; round++) {
            double[] nanos = new double[names.length];
            for (int which = 0; which < names.length; which++) {
                long start = threads.getCurrentThreadCpuTime();
                Object sink = null;
                for (int i = 0; i < operations; i++) {
                    switch (which) {
                        case 0: sink = benchmark.segmentAlone(); break;
                        case 1: sink = benchmark.classic4(); break;
                        case 2: sink = benchmark.classic5(); break;
                        case 3: sink = benchmark.async5Plain(); break;
                        default: sink = benchmark.async5(); break;
                    }
                }
                nanos[which] = (threads.getCurrentThreadCpuTime() - start) / (double) operations;
                if (sink == null) {
                    throw new IllegalStateException(names[which] + " returned nothing");
                }
            }
            // The first rounds warm up the JIT; the last ones are the figures.
            System.out.printf("round %d: CPU ns/op segmentAlone %.0f, classic4 %.0f (call %.0f), classic5 %.0f (call %.0f),"
                    + " async5Plain %.0f, async5 %.0f (agent %.0f)%n", round + 1, nanos[0], nanos[1], nanos[1] - nanos[0],
                    nanos[2], nanos[2] - nanos[0], nanos[3], nanos[4], nanos[4] - nanos[3]);
        }
        benchmark.tearDown();
    }
}
