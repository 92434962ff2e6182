package io.xrayagent.bootstrap;

import java.net.HttpURLConnection;

/**
 * From advice woven into the JDK's {@code HttpURLConnection} implementation to the agent's client recorder.
 * Only the outermost of nested calls on a thread reaches the handler: the JDK calls {@code connect()} from
 * {@code getInputStream()}, and {@code getResponseCode()} calls {@code getInputStream()}.
 */
public final class HttpUrlConnectionBridge {
    public static final int CONNECT = 0;
    public static final int OUTPUT = 1;
    public static final int INPUT = 2;

    /** Implemented in the agent's class loader. */
    public interface Handler {
        void enter(HttpURLConnection connection, int phase);

        void exit(HttpURLConnection connection, int phase, Throwable thrown);
    }

    private static volatile Handler handler;

    private HttpUrlConnectionBridge() {
    }

    public static void install(Handler newHandler) {
        handler = newHandler;
    }

    public static void enter(HttpURLConnection connection, int phase) {
        // Beneath another client's call (an AWS SDK client over HttpURLConnection), that call is the record.
        if (CallDepth.enter(CallDepth.HTTP_URL_CONNECTION) == 0 && !HttpClientBridge.insideCall()) {
            Handler current = handler;
            if (current != null) {
                current.enter(connection, phase);
            }
        }
    }

    public static void exit(HttpURLConnection connection, int phase, Throwable thrown) {
        try {
            // The handler runs while the depth still counts this call, so that what it calls on the
            // connection (getResponseCode) is seen as nested and records nothing.
            if (CallDepth.current(CallDepth.HTTP_URL_CONNECTION) == 1 && !HttpClientBridge.insideCall()) {
                Handler current = handler;
                if (current != null) {
                    current.exit(connection, phase, thrown);
                }
            }
        } finally {
            CallDepth.exit(CallDepth.HTTP_URL_CONNECTION);
        }
    }
}
