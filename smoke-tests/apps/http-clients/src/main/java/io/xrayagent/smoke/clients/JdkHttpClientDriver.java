package io.xrayagent.smoke.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java.net.http.HttpClient}: {@code send} ("sync"), {@code sendAsync} ("async", completed on the
 * client's executor) and "http2", a {@code send} that asks for HTTP/2. Over plain http the JDK client asks for
 * it with an h2c upgrade, which the JDK server ignores, so that exchange falls back to HTTP/1.1.
 */
public final class JdkHttpClientDriver implements ClientDriver {
    private final HttpClient http11 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final HttpClient http2 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public String[] modes() {
        return new String[] {"sync", "async", "http2"};
    }

    @Override
    public Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(timeoutMillis))
                .method(method, "GET".equals(method) || "HEAD".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("ping"));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        switch (mode) {
            case "sync":
                return new Outcome(http11.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(),
                        Thread.currentThread().getName());
            case "http2":
                return new Outcome(http2.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(),
                        Thread.currentThread().getName());
            case "async":
                return http11.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .thenApply(response -> new Outcome(response.statusCode(), Thread.currentThread().getName()))
                        .get();
            default:
                throw new IllegalArgumentException("no mode " + mode);
        }
    }
}
