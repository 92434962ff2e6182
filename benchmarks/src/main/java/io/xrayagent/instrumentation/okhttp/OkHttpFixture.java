package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.LibraryHelper;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.trace.Tracer;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Two real OkHttp 5 clients whose interceptor chain ends in an interceptor that answers at once (the
 * network, the same with or without the agent, is left out): one plain, one with the agent's tracing
 * interceptor, loaded beside OkHttp as in the agent and put on the builder by the handler as the
 * constructor advice does it. The handler is installed on the bridge.
 */
final class OkHttpFixture {
    final OkHttpClient plain;
    final OkHttpClient traced;
    final Request request = new Request.Builder().url("http://inventory.internal:8080/stock/42?id=7").build();

    OkHttpFixture(Tracer tracer) {
        OkHttpLibraries libraries = new OkHttpLibraries(new LibraryHelper<OkHttpLibrary>(OkHttpLibrary.class,
                OkHttpInstrumentation.LIBRARY, OkHttpFixture.class.getClassLoader()));
        OkHttpHandler handler = new OkHttpHandler(new HttpClientRecorder(tracer), libraries, true);
        HttpClientBridge.install(HttpClientBridge.OKHTTP, handler);
        Interceptor answer = new Answer();
        plain = new OkHttpClient.Builder().addInterceptor(answer).build();
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        handler.prepare(null, new Object[] {builder});
        if (builder.interceptors().size() != 1) {
            throw new IllegalStateException("the tracing interceptor was not added: " + builder.interceptors());
        }
        traced = builder.addInterceptor(answer).build();
    }

    static void uninstall() {
        HttpClientBridge.install(HttpClientBridge.OKHTTP, null);
    }

    /** The end of the chain: answers 200 with a 2-byte body at once, as a server would. */
    private static final class Answer implements Interceptor {
        private static final MediaType TEXT = MediaType.parse("text/plain");

        @Override
        public Response intercept(Chain chain) {
            return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                    .header("Content-Length", "2").body(ResponseBody.create(new byte[] {'o', 'k'}, TEXT)).build();
        }
    }
}
