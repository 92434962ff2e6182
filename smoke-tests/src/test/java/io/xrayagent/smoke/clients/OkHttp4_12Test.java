package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** OkHttp 4.12.0, the last 4.x (Kotlin, okhttp3.internal.connection.RealCall). */
class OkHttp4_12Test extends OkHttpContract {
    OkHttp4_12Test() {
        super("okhttp-4.12", Jdks.current());
    }
}
