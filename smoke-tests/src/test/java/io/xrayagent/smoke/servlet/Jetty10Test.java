package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.Jdks;

/** Jetty 10 (javax) on JDK 17. */
class Jetty10Test extends ServletContainerContract {
    Jetty10Test() {
        super(ServletContainer.JETTY_10, Jdks.current());
    }
}
