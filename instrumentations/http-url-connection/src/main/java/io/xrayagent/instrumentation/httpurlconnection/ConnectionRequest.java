package io.xrayagent.instrumentation.httpurlconnection;

import io.xrayagent.core.recorder.ClientRequest;
import java.net.HttpURLConnection;
import java.net.URL;

/** {@link ClientRequest} over an {@link HttpURLConnection} that has not connected yet. */
final class ConnectionRequest implements ClientRequest {
    private final HttpURLConnection connection;

    ConnectionRequest(HttpURLConnection connection) {
        this.connection = connection;
    }

    @Override
    public String method() {
        return connection.getRequestMethod();
    }

    @Override
    public String url() {
        URL url = connection.getURL();
        StringBuilder out = new StringBuilder(64).append(url.getProtocol()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            out.append(':').append(url.getPort());
        }
        String path = url.getPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        return out.toString();
    }

    @Override
    public String host() {
        return connection.getURL().getHost();
    }

    @Override
    public String header(String name) {
        try {
            return connection.getRequestProperty(name);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    @Override
    public boolean setHeader(String name, String value) {
        try {
            connection.setRequestProperty(name, value);
            return true;
        } catch (IllegalStateException e) {
            // Already connected: the request went out before the agent could see it.
            return false;
        }
    }
}
