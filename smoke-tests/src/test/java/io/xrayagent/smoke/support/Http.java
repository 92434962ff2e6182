package io.xrayagent.smoke.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The test's own HTTP client (the test JVM runs no agent, so nothing here is traced). */
public final class Http {
    public final int status;
    public final String body;
    public final Map<String, java.util.List<String>> headers;

    private Http(int status, String body, Map<String, java.util.List<String>> headers) {
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    public static Http get(int port, String path) throws IOException {
        return get(port, path, null);
    }

    public static Http get(int port, String path, String traceHeader) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(20000);
        if (traceHeader != null) {
            connection.setRequestProperty("X-Amzn-Trace-Id", traceHeader);
        }
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String body = "";
        if (in != null) {
            try (InputStream stream = in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.transferTo(out);
                body = out.toString(StandardCharsets.UTF_8);
            }
        }
        return new Http(status, body, connection.getHeaderFields());
    }

    /** A response header, looked up case-insensitively. */
    public String header(String name) {
        for (Map.Entry<String, java.util.List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
