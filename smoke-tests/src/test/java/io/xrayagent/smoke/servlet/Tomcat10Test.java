package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.Jdks;

/** Tomcat 10.1 (jakarta) on JDK 17. */
class Tomcat10Test extends ServletContainerContract {
    Tomcat10Test() {
        super(ServletContainer.TOMCAT_10_1, Jdks.current());
    }
}
