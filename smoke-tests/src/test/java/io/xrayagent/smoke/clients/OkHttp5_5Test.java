package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** OkHttp 5.5.1, the newest version served here. */
class OkHttp5_5Test extends OkHttpContract {
    OkHttp5_5Test() {
        super("okhttp-5.5", Jdks.current());
    }
}
