package io.xrayagent.instrumentation.httpurlconnection;

import io.xrayagent.bootstrap.HttpUrlConnectionBridge;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.state.WeakKeyedMap;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * Follows each connection from its first step to its response. State is keyed weakly by the connection,
 * so a connection the application abandons costs nothing once it is collected.
 */
final class ConnectionTracker implements HttpUrlConnectionBridge.Handler {
    /** Marks a connection already handled (recorded, or deliberately not), so it is never begun twice. */
    private static final Object DONE = new Object();

    private final HttpClientRecorder recorder;
    private final WeakKeyedMap<HttpURLConnection, Object> calls = new WeakKeyedMap<HttpURLConnection, Object>();

    ConnectionTracker(HttpClientRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void enter(HttpURLConnection connection, int phase) {
        if (calls.get(connection) != null) {
            return;
        }
        Subsegment call = null;
        try {
            call = recorder.begin(new ConnectionRequest(connection));
        } catch (RuntimeException e) {
            AgentLog.debug("could not start recording an HttpURLConnection call", e);
        }
        calls.put(connection, call == null ? DONE : call);
    }

    @Override
    public void exit(HttpURLConnection connection, int phase, Throwable thrown) {
        Object state = calls.get(connection);
        if (!(state instanceof Subsegment)) {
            return;
        }
        if (phase != HttpUrlConnectionBridge.INPUT && thrown == null) {
            return;
        }
        calls.put(connection, DONE);
        int status = phase == HttpUrlConnectionBridge.INPUT ? responseCode(connection) : -1;
        long length = status > 0 ? connection.getContentLengthLong() : -1;
        // An error status makes getInputStream throw (FileNotFoundException for 404): that is a response,
        // recorded by its status; only a call that got no response records the exception.
        recorder.end((Subsegment) state, status, length, status > 0 ? null : thrown);
    }

    /** Reads the status the connection already has; nested calls are not recorded (the depth says so). */
    private static int responseCode(HttpURLConnection connection) {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
