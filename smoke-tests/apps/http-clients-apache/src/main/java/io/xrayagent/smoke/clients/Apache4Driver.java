package io.xrayagent.smoke.clients;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.http.client.ResponseHandler;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * Apache HttpClient 4.3+ ({@code HttpClients.custom()}): "sync" calls it on the request's thread; "async" runs
 * it on a pool thread through {@code CompletableFuture.supplyAsync}.
 */
public final class Apache4Driver implements ClientDriver {
    private static final ResponseHandler<Integer> STATUS = response -> {
        EntityUtils.consume(response.getEntity());
        return response.getStatusLine().getStatusCode();
    };

    private final CloseableHttpClient client = HttpClients.custom().build();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @Override
    public String[] modes() {
        return new String[] {"sync", "async"};
    }

    @Override
    public Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis)
            throws Exception {
        RequestBuilder builder = RequestBuilder.create(method).setUri(url)
                .setConfig(RequestConfig.custom().setConnectTimeout(5000).setSocketTimeout(timeoutMillis).build());
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            builder.setEntity(new StringEntity("ping", "UTF-8"));
        }
        headers.forEach(builder::addHeader);
        HttpUriRequest request = builder.build();
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
            return new Outcome(response.getStatusLine().getStatusCode(), Thread.currentThread().getName());
        }
    }
}
