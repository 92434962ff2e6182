package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 4.3, the oldest 4.x instrumented. */
class Apache4_3Test extends ApacheContract.Classic4 {
    Apache4_3Test() {
        super("apache-4.3", Jdks.current());
    }
}
