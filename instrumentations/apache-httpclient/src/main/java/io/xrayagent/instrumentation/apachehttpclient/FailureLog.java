package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.core.log.AgentLog;
import java.util.concurrent.atomic.AtomicBoolean;

/** The agent's own failures on a client's path, said once at debug level: the calls go on untraced. */
final class FailureLog {
    private final String what;
    private final AtomicBoolean said = new AtomicBoolean();

    FailureLog(String what) {
        this.what = what;
    }

    void failed(Throwable thrown) {
        if (said.compareAndSet(false, true)) {
            AgentLog.debug(what + " failed; later failures are not logged", thrown);
        }
    }
}
