package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.Jdks;

/** Jetty 12 ee10 (jakarta) on JDK 17. */
class Jetty12Test extends ServletContainerContract {
    Jetty12Test() {
        super(ServletContainer.JETTY_12, Jdks.current());
    }
}
