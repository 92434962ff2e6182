package io.xrayagent.smoke.clients;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * OkHttp 3.x, 4.x and 5.x, written against the 3.9 API (binary-compatible with the later ones): "sync" is
 * {@code Call.execute()}, "async" is {@code Call.enqueue(Callback)}, whose callback runs on OkHttp's dispatcher.
 */
public final class OkHttpDriver implements ClientDriver {
    /** With OkHttp's defaults (retries on connection failures, follows redirects), as most applications use it. */
    private final OkHttpClient client = new OkHttpClient();
    /** One client per timeout, derived as applications do (newBuilder shares the pool and the dispatcher). */
    private final Map<Integer, OkHttpClient> byTimeout = new ConcurrentHashMap<>();

    @Override
    public String[] modes() {
        return new String[] {"sync", "async"};
    }

    @Override
    public Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis)
            throws Exception {
        OkHttpClient timed = byTimeout.computeIfAbsent(timeoutMillis,
                millis -> client.newBuilder().readTimeout(millis, TimeUnit.MILLISECONDS).build());
        Request.Builder request = new Request.Builder().url(url)
                .method(method, needsBody(method) ? RequestBody.create(null, new byte[0]) : null);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        Call call = timed.newCall(request.build());
        if (mode.equals("sync")) {
            try (Response response = call.execute()) {
                response.body().bytes();
                return new Outcome(response.code(), Thread.currentThread().getName());
            }
        }
        if (!mode.equals("async")) {
            throw new IllegalArgumentException("no mode " + mode);
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                outcome.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (Response closing = response) {
                    closing.body().bytes();
                    outcome.complete(new Outcome(closing.code(), Thread.currentThread().getName()));
                } catch (IOException | RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            }
        });
        return outcome.get(timeoutMillis + 30_000L, TimeUnit.MILLISECONDS);
    }

    private static boolean needsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
