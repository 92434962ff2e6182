package io.xrayagent.instrumentation.okhttp.library;

import io.xrayagent.instrumentation.okhttp.OkHttpLibrary;
import java.util.Iterator;
import java.util.List;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@link OkHttpLibrary} over one copy of OkHttp, loaded beside it. Compiled against OkHttp 3.9.0, the
 * oldest API it uses; 4.x and 5.x (Kotlin) keep every method called here binary-compatible (the same
 * names, through {@code @JvmName}, and descriptors).
 */
public final class OkHttpLibraryAdapter implements OkHttpLibrary {
    private final TracingInterceptor interceptor = new TracingInterceptor(this);

    /** Turns down OkHttp before 3.9, whose interceptors cannot tell which call they serve. */
    public OkHttpLibraryAdapter() throws NoSuchMethodException {
        Interceptor.Chain.class.getMethod("call");
    }

    @Override
    public void installInterceptor(Object builder) {
        List<Interceptor> interceptors = ((OkHttpClient.Builder) builder).interceptors();
        int size = interceptors.size();
        if (size > 0 && interceptors.get(size - 1) == interceptor) {
            return;
        }
        // By name: a copy from another helper loader of the same library (agent handlers replaced) is ours too.
        for (Iterator<Interceptor> each = interceptors.iterator(); each.hasNext();) {
            Interceptor next = each.next();
            if (next != null && next.getClass().getName().equals(TracingInterceptor.class.getName())) {
                each.remove();
            }
        }
        // Last of the application's interceptors: it sees the request as they left it (and a trace header
        // one of them set), and sits directly above OkHttp's retry-and-redirect interceptor.
        interceptors.add(interceptor);
    }

    @Override
    public Object callbackWithContext(Object callback, Object context) {
        // OkHttp's own callbacks (WebSocket, server-sent events) run a connection's whole read loop: the
        // context of the request that opened it must not stay current there for the connection's life.
        if (callback instanceof ContextCallback || callback.getClass().getName().startsWith("okhttp3.")) {
            return callback;
        }
        return new ContextCallback((Callback) callback, context);
    }

    @Override
    public Object call(Object chain) {
        return ((Interceptor.Chain) chain).call();
    }

    @Override
    public OutgoingRequest request(Object request) {
        return new OkHttpRequest((okhttp3.Request) request);
    }

    @Override
    public int status(Object response) {
        return ((Response) response).code();
    }

    @Override
    public long contentLength(Object response) {
        // The length OkHttp parsed from Content-Length (or -1), as the body declares it; nothing is read. A
        // body OkHttp decompresses transparently has no declared length.
        ResponseBody body = ((Response) response).body();
        return body == null ? -1 : body.contentLength();
    }
}
