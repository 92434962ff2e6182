package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 5.6.5 classic, the newest 5.x. */
class Apache5_6ClassicTest extends ApacheContract.Classic5 {
    Apache5_6ClassicTest() {
        super("apache-5.6", Jdks.current());
    }
}
