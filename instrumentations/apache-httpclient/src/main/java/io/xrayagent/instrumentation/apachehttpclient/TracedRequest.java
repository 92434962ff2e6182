package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.core.recorder.ClientRequest;

/**
 * An Apache client's request as the recorder sees it. Apache requests are mutable, so the trace header is
 * set on the application's own request object; this view remembers the value it set so that the header can
 * be taken off again when the call ends. Otherwise a request object sent a second time would carry the
 * first call's header and be taken for one whose header the application set itself.
 */
public abstract class TracedRequest implements ClientRequest {
    private String injectedName;
    private String injectedValue;

    @Override
    public final boolean setHeader(String name, String value) {
        putHeader(name, value);
        injectedName = name;
        injectedValue = value;
        return true;
    }

    /** True once the recorder gave this request a header. */
    public final boolean injected() {
        return injectedValue != null;
    }

    /** Takes off the header this call set, unless the application replaced it meanwhile. */
    public final void restore() {
        if (injectedValue != null) {
            removeHeader(injectedName, injectedValue);
            injectedValue = null;
        }
    }

    protected abstract void putHeader(String name, String value);

    /** Removes the header {@code name} if its first value is still {@code value}. */
    protected abstract void removeHeader(String name, String value);
}
