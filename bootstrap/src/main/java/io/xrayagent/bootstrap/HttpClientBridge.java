package io.xrayagent.bootstrap;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * From advice woven into HTTP client libraries to the agent's one client recorder. Arguments are the
 * libraries' own objects typed loosely, since this class sees no library.
 *
 * <p>Every outgoing call counts on {@link CallDepth#HTTP_CLIENT}, whatever the library, and only the
 * outermost call on a thread reaches a handler. So a client's overloads calling each other, a client
 * delegating to another instrumented client, and any client beneath a call that already owns the slot
 * (an AWS SDK call, which records its own subsegment) record nothing. {@code HttpURLConnection}, which has
 * its own bridge, checks the same slot.
 */
public final class HttpClientBridge {
    public static final int JDK_HTTP_CLIENT = 0;
    public static final int APACHE_HTTPCLIENT_4 = 1;
    public static final int APACHE_HTTPCLIENT_5 = 2;
    public static final int APACHE_HTTPCLIENT_5_ASYNC = 3;
    public static final int OKHTTP = 4;
    private static final int CLIENTS = 8;

    /** Implemented in the agent's class loader, one per client library. */
    public interface Handler {
        /**
         * A client object is being set up or a call handed over (OkHttp's builder takes the tracing
         * interceptor, an enqueued call remembers its context). Runs whatever the call depth; entries of
         * {@code arguments} may be replaced, and the advice writes them back.
         */
        void prepare(Object target, Object[] arguments);

        /**
         * Begins a call. Entries of {@code arguments} may be replaced (a rebuilt immutable request, a
         * wrapped callback) and the advice writes them back. Returns what {@link #end} needs, or null to
         * record nothing.
         */
        Object begin(Object target, Object[] arguments);

        /** Ends a call begun by {@link #begin}; returns what the method returns: {@code returned} or a stand-in. */
        Object end(Object scope, Object returned, Throwable thrown);
    }

    private static final AtomicReferenceArray<Handler> HANDLERS = new AtomicReferenceArray<Handler>(CLIENTS);

    private HttpClientBridge() {
    }

    public static void install(int client, Handler handler) {
        HANDLERS.set(client, handler);
    }

    public static void prepare(int client, Object target, Object[] arguments) {
        Handler handler = HANDLERS.get(client);
        if (handler != null) {
            try {
                handler.prepare(target, arguments);
            } catch (Throwable ignored) {
                // Handlers log their own failures; the application's call goes on untraced.
            }
        }
    }

    /** Before a call; the advice must call {@link #exit} whatever happens, with what this returned. */
    public static Object enter(int client, Object target, Object[] arguments) {
        if (CallDepth.enter(CallDepth.HTTP_CLIENT) != 0) {
            return null;
        }
        Handler handler = HANDLERS.get(client);
        if (handler == null) {
            return null;
        }
        try {
            return handler.begin(target, arguments);
        } catch (Throwable ignored) {
            return null;
        }
    }

    public static Object exit(int client, Object scope, Object returned, Throwable thrown) {
        try {
            Handler handler = HANDLERS.get(client);
            if (scope != null && handler != null) {
                return handler.end(scope, returned, thrown);
            }
            return returned;
        } catch (Throwable ignored) {
            return returned;
        } finally {
            CallDepth.exit(CallDepth.HTTP_CLIENT);
        }
    }

    /** True while this thread is inside an outgoing call that some instrumentation owns. */
    public static boolean insideCall() {
        return CallDepth.current(CallDepth.HTTP_CLIENT) > 0;
    }
}
