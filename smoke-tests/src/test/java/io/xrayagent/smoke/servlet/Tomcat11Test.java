package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.Jdks;

/** Tomcat 11 (jakarta) on the newest JDK of the list, Temurin 25 here. */
class Tomcat11Test extends ServletContainerContract {
    Tomcat11Test() {
        super(ServletContainer.TOMCAT_11, Jdks.newest());
    }
}
