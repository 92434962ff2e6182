package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.Jdks;

/** Tomcat 9 (javax) on JDK 17. */
class Tomcat9Test extends ServletContainerContract {
    Tomcat9Test() {
        super(ServletContainer.TOMCAT_9, Jdks.current());
    }
}
