package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 5.0 classic, the oldest 5.x. */
class Apache5_0ClassicTest extends ApacheContract.Classic5 {
    Apache5_0ClassicTest() {
        super("apache-5.0", Jdks.current());
    }
}
