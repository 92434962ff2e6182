package io.xrayagent.bootstrap;

/**
 * From advice woven into servlets, filters and servlet responses (javax and jakarta alike: the advice
 * passes plain Objects) to the agent's servlet handler. Only the outermost servlet or filter call on a
 * thread reaches the handler; nested filters, forwards and includes stop at the call depth.
 */
public final class ServletBridge {
    /** Implemented in the agent's class loader. */
    public interface Handler {
        /** Returns what {@link #exit} must get back, or null when this call records nothing. */
        Object enter(Object request, Object response);

        void exit(Object scope, Object request, Object response, Throwable thrown);

        /** The application declared its response's length ({@code setContentLength} or the header). */
        void contentLength(long length);

        /** {@code ServletResponse.reset()} cleared the response's headers, the trace header among them. */
        void responseReset(Object response);
    }

    private static volatile Handler handler;

    private ServletBridge() {
    }

    public static void install(Handler newHandler) {
        handler = newHandler;
    }

    public static Object enter(Object request, Object response) {
        // Counted even without a handler, so that exit always finds the depth it expects.
        int depth = CallDepth.enter(CallDepth.SERVLET);
        Handler current = handler;
        if (depth != 0 || current == null || request == null) {
            return null;
        }
        return current.enter(request, response);
    }

    public static void exit(Object scope, Object request, Object response, Throwable thrown) {
        CallDepth.exit(CallDepth.SERVLET);
        Handler current = handler;
        if (scope != null && current != null) {
            current.exit(scope, request, response, thrown);
        }
    }

    public static void contentLength(long length) {
        Handler current = handler;
        if (current != null && length >= 0 && CurrentContext.get() != null) {
            current.contentLength(length);
        }
    }

    public static void responseReset(Object response) {
        Handler current = handler;
        if (current != null && response != null) {
            current.responseReset(response);
        }
    }

    /** From {@code setHeader} and {@code addHeader}: runs for every header, so it rejects others cheaply. */
    public static void header(String name, String value) {
        if (value != null && isContentLength(name)) {
            try {
                contentLength(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // Not a length: nothing to record.
            }
        }
    }

    public static void header(String name, int value) {
        if (isContentLength(name)) {
            contentLength(value);
        }
    }

    private static boolean isContentLength(String name) {
        return name != null && name.length() == 14 && name.equalsIgnoreCase("Content-Length");
    }
}
