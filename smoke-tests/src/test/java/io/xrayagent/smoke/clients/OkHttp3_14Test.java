package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** OkHttp 3.14.9, the last 3.x (Java, okhttp3.RealCall). */
class OkHttp3_14Test extends OkHttpContract {
    OkHttp3_14Test() {
        super("okhttp-3.14", Jdks.current());
    }
}
