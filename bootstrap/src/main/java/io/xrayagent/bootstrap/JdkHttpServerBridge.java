package io.xrayagent.bootstrap;

/** From advice woven into {@code com.sun.net.httpserver} implementations to the agent's recorder. */
public final class JdkHttpServerBridge {
    /** Implemented in the agent's class loader. */
    public interface Handler {
        /** Called with each {@code HttpContext} the application creates. */
        void contextCreated(Object httpContext);
    }

    private static volatile Handler handler;

    private JdkHttpServerBridge() {
    }

    public static void install(Handler newHandler) {
        handler = newHandler;
    }

    public static void contextCreated(Object httpContext) {
        Handler current = handler;
        if (current != null && httpContext != null) {
            current.contextCreated(httpContext);
        }
    }
}
