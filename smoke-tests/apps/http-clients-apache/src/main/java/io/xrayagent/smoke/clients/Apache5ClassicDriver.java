package io.xrayagent.smoke.clients;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Apache HttpClient 5.x classic ({@code HttpClients.custom()}): "sync" calls it on the request's thread; "async"
 * runs it on a pool thread through {@code CompletableFuture.supplyAsync}.
 */
public final class Apache5ClassicDriver implements ClientDriver {
    private static final HttpClientResponseHandler<Integer> STATUS = response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
    };

    // Without automatic retries: 5.x retries a 429 once by default, and the contract expects one downstream
    // request per call. The in-module tests cover a retry inside one call.
    private final CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @Override
    public String[] modes() {
        return new String[] {"sync", "async"};
    }

    @Override
    @SuppressWarnings("deprecation")
    public Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis)
            throws Exception {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
        request.setConfig(RequestConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                .setResponseTimeout(timeoutMillis, TimeUnit.MILLISECONDS).build());
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            request.setEntity(new StringEntity("ping", ContentType.TEXT_PLAIN));
        }
        headers.forEach(request::setHeader);
        if ("async".equals(mode)) {
            // A blocking client handed to a pool, as applications do: the call runs on the pool's thread with
            // the request's context, which the agent carries over (CompletableFuture.supplyAsync).
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return new Outcome(client.execute(request, STATUS), Thread.currentThread().getName());
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, pool).get();
        }
        try (CloseableHttpResponse response = client.execute(request)) {
            EntityUtils.consume(response.getEntity());
            return new Outcome(response.getCode(), Thread.currentThread().getName());
        }
    }
}
