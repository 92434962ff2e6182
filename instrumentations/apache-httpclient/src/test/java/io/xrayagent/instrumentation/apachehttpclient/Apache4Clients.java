package io.xrayagent.instrumentation.apachehttpclient;

import java.io.IOException;
import org.apache.http.Header;
import org.apache.http.HttpRequest;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.util.EntityUtils;

/** HttpClient 4.x as applications use it: the builder's client, the minimal one and the deprecated DefaultHttpClient. */
final class Apache4Clients {
    private Apache4Clients() {
    }

    static ApacheClient internal() {
        RequestConfig config = RequestConfig.custom().setSocketTimeout(ApacheClient.RESPONSE_TIMEOUT_MILLIS).build();
        return new Client("4.x HttpClients.custom()", HttpClients.custom().setDefaultRequestConfig(config).build(), true);
    }

    static ApacheClient minimal() {
        return new Client("4.x HttpClients.createMinimal()", HttpClients.createMinimal(), false);
    }

    @SuppressWarnings("deprecation")
    static ApacheClient legacy() {
        DefaultHttpClient client = new DefaultHttpClient();
        HttpConnectionParams.setSoTimeout(client.getParams(), ApacheClient.RESPONSE_TIMEOUT_MILLIS);
        return new Client("4.x DefaultHttpClient", client, true);
    }

    private static final class Client implements ApacheClient {
        private final String name;
        private final CloseableHttpClient client;
        private final boolean followsRedirects;

        Client(String name, CloseableHttpClient client, boolean followsRedirects) {
            this.name = name;
            this.client = client;
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
        public Object request(String url) {
            return new HttpGet(url);
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
        public int send(Object request) throws IOException {
            // The minimal client has no default configuration: the timeout comes with the call's context.
            HttpClientContext context = HttpClientContext.create();
            context.setRequestConfig(RequestConfig.custom().setSocketTimeout(RESPONSE_TIMEOUT_MILLIS).build());
            try (CloseableHttpResponse response = client.execute((HttpGet) request, context)) {
                EntityUtils.consume(response.getEntity());
                return response.getStatusLine().getStatusCode();
            }
        }

        @Override
        public void shutdown() throws IOException {
            client.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
