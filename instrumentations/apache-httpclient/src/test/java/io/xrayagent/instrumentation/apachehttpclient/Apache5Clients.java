package io.xrayagent.instrumentation.apachehttpclient;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/** HttpClient 5.x as applications use it: classic and async, each built in full and minimal. */
final class Apache5Clients {
    private Apache5Clients() {
    }

    static RequestConfig config() {
        return RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(ApacheClient.RESPONSE_TIMEOUT_MILLIS)).build();
    }

    /** The timeout travels with each call: minimal clients have no default configuration. */
    static HttpClientContext context() {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config());
        return context;
    }

    static ApacheClient classic() {
        return new Classic("5.x classic HttpClients.custom()", HttpClients.custom().setDefaultRequestConfig(config()).build(), true);
    }

    static ApacheClient classicMinimal() {
        return new Classic("5.x classic HttpClients.createMinimal()", HttpClients.createMinimal(), false);
    }

    static Async async() {
        CloseableHttpAsyncClient client = HttpAsyncClients.custom().setDefaultRequestConfig(config()).build();
        client.start();
        return new Async("5.x async HttpAsyncClients.custom()", client, true);
    }

    static Async asyncMinimal() {
        CloseableHttpAsyncClient client = HttpAsyncClients.createMinimal();
        client.start();
        return new Async("5.x async HttpAsyncClients.createMinimal()", client, false);
    }

    private abstract static class Base implements ApacheClient {
        private final String name;
        /** Built in full, with the exec chain that follows redirects and retries; minimal clients have neither. */
        private final boolean followsRedirects;

        Base(String name, boolean followsRedirects) {
            this.name = name;
            this.followsRedirects = followsRedirects;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean followsRedirects() {
            return followsRedirects;
        }

        @Override
        public void setHeader(Object request, String name, String value) {
            ((HttpRequest) request).setHeader(name, value);
        }

        @Override
        public String header(Object request, String name) {
            Header header = ((HttpRequest) request).getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Classic extends Base {
        private final CloseableHttpClient client;

        Classic(String name, CloseableHttpClient client, boolean followsRedirects) {
            super(name, followsRedirects);
            this.client = client;
        }

        @Override
        public Object request(String url) {
            return new HttpGet(url);
        }

        @Override
        @SuppressWarnings("deprecation")
        public int send(Object request) throws Exception {
            try (CloseableHttpResponse response = client.execute((HttpGet) request, context())) {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            }
        }

        @Override
        public void shutdown() throws IOException {
            client.close();
        }
    }

    static final class Async extends Base {
        private final CloseableHttpAsyncClient client;

        Async(String name, CloseableHttpAsyncClient client, boolean followsRedirects) {
            super(name, followsRedirects);
            this.client = client;
        }

        @Override
        public Object request(String url) {
            return new SimpleHttpRequest("GET", URI.create(url));
        }

        /** Starts the call; {@code callback} may be null. */
        Future<SimpleHttpResponse> start(Object request, FutureCallback<SimpleHttpResponse> callback) {
            return client.execute((SimpleHttpRequest) request, context(), callback);
        }

        /**
         * Starts the call through the producer and consumer API, whose future is the exchange's own: cancelling
         * it cancels the exchange. (The SimpleHttpRequest overload's future is a separate one in 5.0.)
         */
        Future<SimpleHttpResponse> startExchange(Object request, FutureCallback<SimpleHttpResponse> callback) {
            return client.execute(SimpleRequestProducer.create((SimpleHttpRequest) request), SimpleResponseConsumer.create(),
                    context(), callback);
        }

        @Override
        public int send(Object request) throws Exception {
            try {
                return start(request, null).get(10, TimeUnit.SECONDS).getCode();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }

        @Override
        public void shutdown() {
            client.close(CloseMode.GRACEFUL);
        }
    }
}
