package io.xrayagent.smoke.clients;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;

/**
 * Apache HttpClient 5.x async ({@code HttpAsyncClients.custom()}): the call returns at once and its callback runs
 * on one of the client's I/O threads, where the outcome is handed over.
 */
public final class Apache5AsyncDriver implements ClientDriver {
    // Without automatic retries: 5.x retries a 429 once by default, and the contract expects one downstream
    // request per call. The in-module tests cover a retry inside one call.
    // The I/O reactor checks timeouts once per select interval, a second by default: too coarse for the
    // contract's 250 ms response timeout against a 1 s response.
    private final CloseableHttpAsyncClient client = HttpAsyncClients.custom().disableAutomaticRetries()
            .setIOReactorConfig(IOReactorConfig.custom().setSelectInterval(TimeValue.ofMilliseconds(50)).build())
            .build();

    public Apache5AsyncDriver() {
        client.start();
    }

    @Override
    public String[] modes() {
        return new String[] {"async"};
    }

    @Override
    public Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis)
            throws Exception {
        SimpleHttpRequest request = new SimpleHttpRequest(method, URI.create(url));
        request.setConfig(RequestConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                .setResponseTimeout(timeoutMillis, TimeUnit.MILLISECONDS).build());
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            request.setBody("ping", ContentType.TEXT_PLAIN);
        }
        headers.forEach(request::setHeader);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                outcome.complete(new Outcome(response.getCode(), Thread.currentThread().getName()));
            }

            @Override
            public void failed(Exception failure) {
                outcome.completeExceptionally(failure);
            }

            @Override
            public void cancelled() {
                outcome.cancel(false);
            }
        });
        return outcome.get();
    }
}
