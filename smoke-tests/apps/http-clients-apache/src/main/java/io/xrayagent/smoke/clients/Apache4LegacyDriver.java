package io.xrayagent.smoke.clients;

import java.util.Map;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.util.EntityUtils;

/**
 * {@code DefaultHttpClient}, the API of HttpClient 4.0 to 4.2 (deprecated since 4.3). On 4.2 it runs untraced:
 * the instrumentation starts at 4.3's {@code CloseableHttpClient}. GET only.
 */
@SuppressWarnings("deprecation")
public final class Apache4LegacyDriver implements ClientDriver {
    // Typed as the interface: 4.3 narrowed DefaultHttpClient.execute's return type, which 4.2 does not have.
    private final HttpClient client = new DefaultHttpClient();

    @Override
    public String[] modes() {
        return new String[] {"sync"};
    }

    @Override
    public Outcome call(String mode, String method, String url, Map<String, String> headers, int timeoutMillis)
            throws Exception {
        HttpGet request = new HttpGet(url);
        headers.forEach(request::setHeader);
        synchronized (client) {
            HttpConnectionParams.setSoTimeout(client.getParams(), timeoutMillis);
            HttpResponse response = client.execute(request);
            EntityUtils.consume(response.getEntity());
            return new Outcome(response.getStatusLine().getStatusCode(), Thread.currentThread().getName());
        }
    }
}
