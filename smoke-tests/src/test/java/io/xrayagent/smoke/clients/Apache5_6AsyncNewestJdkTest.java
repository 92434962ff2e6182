package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 5.6.5 async on the newest JDK of the matrix (Temurin 25). */
class Apache5_6AsyncNewestJdkTest extends ApacheContract.Async5 {
    Apache5_6AsyncNewestJdkTest() {
        super("apache-5.6", Jdks.newest());
    }
}
