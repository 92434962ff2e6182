package io.xrayagent.instrumentation.okhttp.library;

import io.xrayagent.bootstrap.CurrentContext;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/** The application's callback of an enqueued call, run with the context the call was made in. */
final class ContextCallback implements Callback {
    private final Callback callback;
    private final Object context;

    ContextCallback(Callback callback, Object context) {
        this.callback = callback;
        this.context = context;
    }

    @Override
    public void onFailure(Call call, IOException e) {
        Object previous = CurrentContext.swap(context);
        try {
            callback.onFailure(call, e);
        } finally {
            CurrentContext.restore(previous);
        }
    }

    @Override
    public void onResponse(Call call, Response response) throws IOException {
        Object previous = CurrentContext.swap(context);
        try {
            callback.onResponse(call, response);
        } finally {
            CurrentContext.restore(previous);
        }
    }

    @Override
    public String toString() {
        return callback.toString();
    }
}
