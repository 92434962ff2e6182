package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;

/** HttpClient 5.6.5 async, the newest 5.x. */
class Apache5_6AsyncTest extends ApacheContract.Async5 {
    Apache5_6AsyncTest() {
        super("apache-5.6", Jdks.current());
    }
}
