package io.xrayagent.smoke.clients;

import io.xrayagent.smoke.support.Jdks;
import java.util.List;

/** java.net.http.HttpClient on the build's JDK 17. */
class JdkHttpClientTest extends HttpClientContract {
    JdkHttpClientTest() {
        super("jdk-http-client", Jdks.current());
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
