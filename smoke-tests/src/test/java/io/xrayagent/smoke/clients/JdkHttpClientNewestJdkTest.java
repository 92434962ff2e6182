package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;
import java.util.List;

/** java.net.http.HttpClient on the newest JDK of the matrix (Temurin 25), whose client internals differ from 17's. */
class JdkHttpClientNewestJdkTest extends HttpClientContract {
    JdkHttpClientNewestJdkTest() {
        super("jdk-http-client", Jdks.newest());
    }

    @Override
    protected String driverClass() {
        return "io.xrayagent.smoke.clients.JdkHttpClientDriver";
    }

    @Override
    protected List<String> libraryClassPath() {
        return List.of();
    }

    @Override
    protected String timeoutFailure() {
        return "java.net.http.HttpTimeoutException";
    }
}
