package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.Jdks;

/** Undertow 2.3 (jakarta) on JDK 17. */
class UndertowTest extends ServletContainerContract {
    UndertowTest() {
        super(ServletContainer.UNDERTOW, Jdks.current());
    }
}
