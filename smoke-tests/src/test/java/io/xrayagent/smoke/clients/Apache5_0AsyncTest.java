package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 5.0 async, the oldest 5.x. */
class Apache5_0AsyncTest extends ApacheContract.Async5 {
    Apache5_0AsyncTest() {
        super("apache-5.0", Jdks.current());
    }
}
