package io.xrayagent.smoke.clients;

import java.nio.file.Path;
import java.util.List;

/** The HTTP-client contract for one Apache HttpClient version and one of its drivers (smoke-tests/apps/http-clients-apache). */
abstract class ApacheContract extends HttpClientContract {
    static final String DIR = "smoke.clients.apache.dir";

    private final String version;
    private final String driver;
    private final String connectFailure;
    private final String timeoutFailure;

    /**
     * @param version the folder under clients/ with that version's jars, e.g. apache-4.5
     * @param driver the driver's simple class name
     * @param connectFailure what the application gets when the connection is refused
     * @param timeoutFailure what the application gets when the response does not come in time
     */
    ApacheContract(String service, String version, Path jdk, String driver, String connectFailure, String timeoutFailure) {
        super(service, jdk);
        this.version = version;
        this.driver = driver;
        this.connectFailure = connectFailure;
        this.timeoutFailure = timeoutFailure;
    }

    @Override
    protected String driverClass() {
        return "io.xrayagent.smoke.clients." + driver;
    }

    @Override
    protected List<String> libraryClassPath() {
        return List.of(appClasses(DIR), libraryJars(DIR, version));
    }

    @Override
    protected String connectFailure() {
        return connectFailure;
    }

    @Override
    protected String timeoutFailure() {
        return timeoutFailure;
    }

    /** HttpClient 4.x through {@code HttpClients.custom()}. */
    abstract static class Classic4 extends ApacheContract {
        Classic4(String version, Path jdk) {
            super(version, version, jdk, "Apache4Driver", "org.apache.http.conn.HttpHostConnectException",
                    "java.net.SocketTimeoutException");
        }
    }

    /** HttpClient 5.x classic through {@code HttpClients.custom()}. */
    abstract static class Classic5 extends ApacheContract {
        Classic5(String version, Path jdk) {
            super(version, version, jdk, "Apache5ClassicDriver", "org.apache.hc.client5.http.HttpHostConnectException",
                    "java.net.SocketTimeoutException");
        }
    }

    /** HttpClient 5.x async through {@code HttpAsyncClients.custom()}, with a callback. */
    abstract static class Async5 extends ApacheContract {
        Async5(String version, Path jdk) {
            super(version + "-async", version, jdk, "Apache5AsyncDriver", "org.apache.hc.client5.http.HttpHostConnectException",
                    "java.net.SocketTimeoutException");
        }
    }
}
