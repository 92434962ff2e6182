package io.xrayagent.instrumentation.okhttp.library;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.instrumentation.okhttp.OkHttpLibrary;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The application interceptor the agent adds to every client. It runs once per call, whatever OkHttp's
 * own retries and redirects do beneath it, and counts as an outgoing call on the bridge's call depth, so a
 * call inside another client's call records nothing and calls made beneath it (an authenticator's) neither.
 */
final class TracingInterceptor implements Interceptor {
    private final OkHttpLibrary library;

    TracingInterceptor(OkHttpLibrary library) {
        this.library = library;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Object[] arguments = {request, chain};
        Object scope = HttpClientBridge.enter(HttpClientBridge.OKHTTP, library, arguments);
        // Only the agent's handler writes these; the checks keep a bug of it away from the application.
        Object toSend = arguments[0];
        Response response;
        try {
            response = chain.proceed(toSend instanceof Request ? (Request) toSend : request);
        } catch (Throwable t) {
            HttpClientBridge.exit(HttpClientBridge.OKHTTP, scope, null, t);
            throw t;
        }
        Object returned = HttpClientBridge.exit(HttpClientBridge.OKHTTP, scope, response, null);
        return returned instanceof Response ? (Response) returned : response;
    }

    @Override
    public String toString() {
        return "xray-agent tracing interceptor";
    }
}
