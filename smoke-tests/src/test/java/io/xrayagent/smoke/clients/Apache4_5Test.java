package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 4.5.14, the newest 4.x. */
class Apache4_5Test extends ApacheContract.Classic4 {
    Apache4_5Test() {
        super("apache-4.5", Jdks.current());
    }
}
