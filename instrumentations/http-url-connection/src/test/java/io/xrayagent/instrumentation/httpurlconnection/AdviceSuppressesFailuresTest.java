package io.xrayagent.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xrayagent.bootstrap.CallDepth;
import io.xrayagent.bootstrap.HttpUrlConnectionBridge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real advice, woven into a connection class, with an agent handler that fails on every call: the
 * application's call still returns its own result, or throws its own exception, and nothing else. Public,
 * because the woven copy of the nested connection class lives in another class loader.
 */
public class AdviceSuppressesFailuresTest {
    public static final InputStream BODY = new ByteArrayInputStream(new byte[] {1, 2, 3});

    /** Stands in for the JDK's implementation: the advice is woven into its methods as into the JDK's. */
    public static class TestConnection extends HttpURLConnection {
        public boolean failConnect;

        public TestConnection() throws IOException {
            super(new URL("http://example.invalid/"));
        }

        @Override
        public void connect() throws IOException {
            if (failConnect) {
                throw new java.net.ConnectException("refused by the test");
            }
            connected = true;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            connect();
            return BODY;
        }

        @Override
        public void disconnect() {
        }

        @Override
        public boolean usingProxy() {
            return false;
        }
    }

    @AfterEach
    void uninstall() {
        HttpUrlConnectionBridge.install(null);
    }

    @Test
    void failingAgentCodeNeverReachesTheApplication() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpUrlConnectionBridge.install(new HttpUrlConnectionBridge.Handler() {
            @Override
            public void enter(HttpURLConnection connection, int phase) {
                calls.incrementAndGet();
                throw new IllegalStateException("agent bug on enter");
            }

            @Override
            public void exit(HttpURLConnection connection, int phase, Throwable thrown) {
                calls.incrementAndGet();
                throw new OutOfMemoryError("agent failure on exit");
            }
        });
        Class<?> woven = weave();

        HttpURLConnection connection = (HttpURLConnection) woven.getConstructor().newInstance();
        assertSame(BODY, connection.getInputStream());
        assertEquals(2, calls.get(), "the handler ran (and failed) on enter and exit of the outermost call");
        assertEquals(0, CallDepth.current(CallDepth.HTTP_URL_CONNECTION), "depth is balanced after failures");

        HttpURLConnection failing = (HttpURLConnection) woven.getConstructor().newInstance();
        woven.getField("failConnect").setBoolean(failing, true);
        java.net.ConnectException thrown = assertThrows(java.net.ConnectException.class, failing::getInputStream);
        assertEquals("refused by the test", thrown.getMessage(), "the application's own exception, untouched");
        assertEquals(0, CallDepth.current(CallDepth.HTTP_URL_CONNECTION));
    }

    @Test
    void onlyTheOutermostOfNestedCallsReachesTheHandler() throws Exception {
        AtomicInteger enters = new AtomicInteger();
        AtomicInteger exits = new AtomicInteger();
        HttpUrlConnectionBridge.install(new HttpUrlConnectionBridge.Handler() {
            @Override
            public void enter(HttpURLConnection connection, int phase) {
                enters.incrementAndGet();
                assertEquals(HttpUrlConnectionBridge.INPUT, phase);
            }

            @Override
            public void exit(HttpURLConnection connection, int phase, Throwable thrown) {
                exits.incrementAndGet();
            }
        });
        HttpURLConnection connection = (HttpURLConnection) weave().getConstructor().newInstance();
        connection.getInputStream();
        assertEquals(1, enters.get(), "getInputStream calls connect(): one exchange, not two");
        assertEquals(1, exits.get());
    }

    private static Class<?> weave() {
        return new ByteBuddy().redefine(TestConnection.class)
                .visit(Advice.to(ConnectionAdvice.Connect.class).on(named("connect")))
                .visit(Advice.to(ConnectionAdvice.Input.class).on(named("getInputStream")))
                .make()
                .load(new ClassLoader(AdviceSuppressesFailuresTest.class.getClassLoader()) { },
                        ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
    }
}
