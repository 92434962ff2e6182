package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** OkHttp 5.5.1 on the newest JDK of the matrix (Temurin 25). */
class OkHttp5_5NewestJdkTest extends OkHttpContract {
    OkHttp5_5NewestJdkTest() {
        super("okhttp-5.5", Jdks.newest());
    }
}
