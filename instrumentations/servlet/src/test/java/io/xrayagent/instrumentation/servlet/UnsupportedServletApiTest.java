package io.xrayagent.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.install.LibraryHelper;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.testing.LogCapture;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A container on the Servlet 2.5 API (no async, no response status getter): its requests reach the handler
 * and run untraced, with one debug line for that copy of the API and nothing else.
 */
class UnsupportedServletApiTest {
    @Test
    void servlet25RunsUntracedWithOneDebugLine() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        Emitter emitter = new Emitter() {
            @Override
            public void sendSegment(Segment segment) {
                sent.incrementAndGet();
            }

            @Override
            public void sendSubsegment(Subsegment subsegment) {
                sent.incrementAndGet();
            }
        };
        Tracer tracer = new Tracer(emitter, 100, 50, new ContextMissingReporter(ContextMissingStrategy.LOG_ERROR));
        ClassLoader agentLoader = getClass().getClassLoader();
        ServletHandler handler = new ServletHandler(new HttpServerRecorder(tracer, Samplers.all(), "old", null),
                new ServletApis(new LibraryHelper<ServletApi>(ServletApi.class, ServletApis.JAVAX_ADAPTER, agentLoader),
                        new LibraryHelper<ServletApi>(ServletApi.class, ServletApis.JAKARTA_ADAPTER, agentLoader)));
        URL oldApi = Paths.get(System.getProperty("old.servlet.api")).toUri().toURL();
        LogCapture log = new LogCapture();
        try (URLClassLoader container = new URLClassLoader(new URL[] {oldApi}, null)) {
            Object request = proxy(container, "javax.servlet.http.HttpServletRequest");
            Object response = proxy(container, "javax.servlet.http.HttpServletResponse");
            log.start();
            AgentLog.setLevel(AgentLog.Level.DEBUG);
            for (int i = 0; i < 3; i++) {
                Object scope = handler.enter(request, response);
                assertNull(scope);
                handler.exit(scope, request, response, null);
            }
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).contains("DEBUG") && log.lines().get(0).contains("javax.servlet.ServletRequest")
                    && log.lines().get(0).contains("not supported"), log.lines().get(0));
        } finally {
            log.stop();
        }
        assertEquals(0, sent.get());
        assertNull(CurrentContext.get());
    }

    /** Any call on the container's objects would be a bug: the handler must give up before touching them. */
    private static Object proxy(ClassLoader container, String interfaceName) throws ClassNotFoundException {
        Class<?> type = Class.forName(interfaceName, false, container);
        return Proxy.newProxyInstance(container, new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(self);
            }
            throw new AssertionError("the handler called " + method);
        });
    }
}
