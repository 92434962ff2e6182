package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** OkHttp 3.9.0, the oldest version the instrumentation supports (Interceptor.Chain.call() came in 3.9). */
class OkHttp3_9Test extends OkHttpContract {
    OkHttp3_9Test() {
        super("okhttp-3.9", Jdks.current());
    }
}
