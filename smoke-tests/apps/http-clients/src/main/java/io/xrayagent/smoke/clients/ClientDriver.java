package io.xrayagent.smoke.clients;

import java.util.Map;

/**
 * One HTTP client library as the client test application drives it. The application (ClientApp) calls it
 * inside a request traced by the agent and reports the outcome, so one contract test covers every library.
 * Implementations have a public no-argument constructor; they build their client once and reuse it.
 */
public interface ClientDriver {
    /**
     * "sync" is always offered; "async" completes on a thread of the client's own, other names as the library
     * has them. Every mode runs the whole contract.
     */
    String[] modes();

    /**
     * Sends one request and waits for its outcome, whatever the mode, following redirects. {@code headers} are
     * set by the application itself (a test sets its own X-Amzn-Trace-Id this way). Reads the whole response
     * body (so that pooled connections are released). Returns the status; throws what the library threw
     * (connection refused, read timeout after {@code timeoutMillis}); ClientApp unwraps ExecutionException and
     * CompletionException itself.
     */
    Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis) throws Exception;

    /** What one call gave. */
    final class Outcome {
        public final int status;
        /** The thread on which the library handed over the response (a client thread for async modes). */
        public final String completedOn;

        public Outcome(int status, String completedOn) {
            this.status = status;
            this.completedOn = completedOn;
        }
    }
}
