package io.xrayagent.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.bootstrap.ContextPropagation;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet instrumentation woven for real into an embedded Tomcat 10.1 (jakarta) in this JVM: the
 * advice, the bridge, the adapter loaded beside Tomcat's servlet API, and the handler, together. The
 * javax namespace and the other containers are covered through the agent jar by the smoke tests.
 */
class WovenTomcatTest {
    private static final List<Segment> SENT = new CopyOnWriteArrayList<Segment>();
    private static final List<Subsegment> SENT_ALONE = new CopyOnWriteArrayList<Subsegment>();
    /** The context each servlet or task saw as current, keyed by what ran. */
    static final AtomicReference<Object> SEEN_BY_HELLO = new AtomicReference<Object>();
    static final AtomicReference<Object> SEEN_BY_ASYNC_TASK = new AtomicReference<Object>();
    private static Tomcat tomcat;
    private static int port;
    private static Tracer tracer;

    @BeforeAll
    static void weaveAndStart() throws Exception {
        Emitter emitter = new Emitter() {
            @Override
            public void sendSegment(Segment segment) {
                SENT.add(segment);
            }

            @Override
            public void sendSubsegment(Subsegment subsegment) {
                SENT_ALONE.add(subsegment);
            }
        };
        tracer = new Tracer(emitter, 100, 50, new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
        HttpServerRecorder recorder = new HttpServerRecorder(tracer, Samplers.all(), "woven-tomcat", null);
        ClassLoader loader = WovenTomcatTest.class.getClassLoader();
        InstallContext context = new InstallContext(AgentConfig.defaults(), tracer, recorder,
                new HttpClientRecorder(tracer), loader);
        AgentLog.setLevel(AgentLog.Level.DEBUG);
        // The installer never weaves classes of the agent's own loader; here that loader is the test's, which
        // also holds Tomcat, so the installer gets an empty child of it instead.
        ClassLoader agentSide = new ClassLoader(loader) {
        };
        List<String> installed = Installer.install(ByteBuddyAgent.install(), context, agentSide);
        assertEquals(List.of("servlet"), installed);
        ContextPropagation.enable(true);

        File base = Files.createTempDirectory("woven-tomcat").toFile();
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context app = tomcat.addContext("", base.getAbsolutePath());
        servlet(app, "hello", new Hello(), "/hello");
        servlet(app, "forward", new Forward(), "/forward");
        servlet(app, "fail", new Fail(), "/fail");
        servlet(app, "async", new AsyncTask(), "/async");
        servlet(app, "async-dispatch", new AsyncDispatch(), "/async-dispatch");
        servlet(app, "async-timeout", new AsyncTimeout(), "/async-timeout");
        servlet(app, "reset", new Reset(), "/reset");
        FilterDef filter = new FilterDef();
        filter.setFilterName("pass");
        filter.setFilter(new PassThrough());
        filter.setAsyncSupported("true");
        app.addFilterDef(filter);
        FilterMap map = new FilterMap();
        map.setFilterName("pass");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        map.setDispatcher("FORWARD");
        map.setDispatcher("ASYNC");
        map.setDispatcher("ERROR");
        app.addFilterMap(map);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    private static void servlet(Context app, String name, HttpServlet servlet, String path) {
        Wrapper wrapper = Tomcat.addServlet(app, name, servlet);
        wrapper.setAsyncSupported(true);
        app.addServletMappingDecoded(path, name);
    }

    @AfterAll
    static void stop() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    @BeforeEach
    void clear() {
        SENT.clear();
        SENT_ALONE.clear();
    }

    @Test
    void oneSegmentThroughFilterAndServletWithTheDeclaredLength() throws Exception {
        Response response = get("/hello");
        assertEquals(200, response.status);
        Segment segment = onlySegment();
        assertEquals("woven-tomcat", segment.name());
        assertEquals("GET", segment.request().method());
        assertEquals("http://127.0.0.1:" + port + "/hello", segment.request().url());
        assertEquals("127.0.0.1", segment.request().clientIp());
        assertEquals(200, segment.status());
        assertEquals(5, segment.contentLength());
        assertFalse(segment.error() || segment.fault());
        assertSame(segment, SEEN_BY_HELLO.get(), "the segment is current while the servlet runs");
        assertTrue(response.traceHeader.startsWith("Root=" + segment.traceId()), response.traceHeader);
    }

    @Test
    void forwardAddsNothing() throws Exception {
        assertEquals(200, get("/forward").status);
        Segment segment = onlySegment();
        assertEquals("http://127.0.0.1:" + port + "/forward", segment.request().url());
    }

    @Test
    void escapingExceptionIsAFaultWithCause() throws Exception {
        assertEquals(500, get("/fail").status);
        Segment segment = onlySegment();
        assertEquals(500, segment.status());
        assertTrue(segment.fault());
        assertNotNull(segment.cause());
    }

    @Test
    void asyncTaskRunsUnderTheSegmentWhichEndsOnCompletion() throws Exception {
        Response response = get("/async");
        assertEquals(202, response.status);
        assertEquals("async done", response.body);
        Segment segment = onlySegment();
        assertEquals(202, segment.status());
        assertSame(segment, SEEN_BY_ASYNC_TASK.get(), "AsyncContext.start runs the task with the request's segment");
    }

    @Test
    void asyncDispatchAddsNothingAndKeepsTheSegmentCurrent() throws Exception {
        SEEN_BY_HELLO.set(null);
        assertEquals(200, get("/async-dispatch").status);
        Segment segment = onlySegment();
        assertEquals("http://127.0.0.1:" + port + "/async-dispatch", segment.request().url());
        assertSame(segment, SEEN_BY_HELLO.get(), "the dispatched servlet runs with the request's segment");
    }

    @Test
    void asyncTimeoutEndsWithTheContainersStatus() throws Exception {
        Response response = get("/async-timeout");
        Segment segment = onlySegment();
        assertEquals(response.status, segment.status());
        assertTrue(segment.status() >= 500, "Tomcat answers an unhandled async timeout with " + response.status);
        assertTrue(segment.fault());
    }

    @Test
    void aResetResponseStillCarriesTheTraceHeader() throws Exception {
        Response response = get("/reset");
        assertEquals(200, response.status);
        Segment segment = onlySegment();
        assertNotNull(response.traceHeader, "reset() drops every header; the agent writes its own again");
        assertTrue(response.traceHeader.startsWith("Root=" + segment.traceId()), response.traceHeader);
    }

    @Test
    void requestThreadKeepsNoContext() throws Exception {
        get("/hello");
        onlySegment();
        assertNull(CurrentContext.get());
    }

    private static Segment onlySegment() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (SENT.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // A second segment would come right after the first; wait a little for one that should not exist.
        Thread.sleep(200);
        assertEquals(1, SENT.size(), "segments: " + SENT);
        return SENT.get(0);
    }

    private static Response get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setReadTimeout(10_000);
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), "UTF-8");
        return new Response(status, body, connection.getHeaderField("X-Amzn-Trace-Id"));
    }

    private static final class Response {
        final int status;
        final String body;
        final String traceHeader;

        Response(int status, String body, String traceHeader) {
            this.status = status;
            this.body = body;
            this.traceHeader = traceHeader;
        }
    }

    public static final class PassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    public static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SEEN_BY_HELLO.set(CurrentContext.get());
            response.setContentLength(5);
            response.getWriter().write("hello");
        }
    }

    public static final class Forward extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            request.getRequestDispatcher("/hello").forward(request, response);
        }
    }

    public static final class Fail extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("boom");
        }
    }

    public static final class AsyncTask extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.start(() -> {
                SEEN_BY_ASYNC_TASK.set(CurrentContext.get());
                try {
                    response.setStatus(202);
                    response.getWriter().write("async done");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                async.complete();
            });
        }
    }

    public static final class AsyncDispatch extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            new Thread(() -> async.dispatch("/hello")).start();
        }
    }

    public static final class Reset extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader("X-Discarded", "yes");
            response.reset();
            response.getWriter().write("after reset");
        }
    }

    public static final class AsyncTimeout extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            request.startAsync().setTimeout(200);
        }
    }
}
