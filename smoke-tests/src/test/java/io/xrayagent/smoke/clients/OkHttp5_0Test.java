package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** OkHttp 5.0.0, the first 5.x (the okhttp-jvm artifact). */
class OkHttp5_0Test extends OkHttpContract {
    OkHttp5_0Test() {
        super("okhttp-5.0", Jdks.current());
    }
}
