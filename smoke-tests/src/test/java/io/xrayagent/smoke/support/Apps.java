package io.xrayagent.smoke.support;

import io.xrayagent.receiver.LocalReceiver;
import java.nio.file.Path;
import java.time.Duration;

/** Starts the sample service under the agent, sending to a receiver. */
public final class Apps {
    public static final String SERVICE_APP = "io.xrayagent.smoke.apps.HttpServiceApp";
    public static final Duration START = Duration.ofSeconds(30);

    private Apps() {
    }

    /** A service named {@code name}, every request sampled, calling {@code downstream} (may be null). */
    public static JavaProcess.Builder service(Path jdk, LocalReceiver receiver, String name, String downstream,
            String extraAgentArgs) {
        String args = "serviceName=" + name + ",samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress()
                + (extraAgentArgs == null ? "" : "," + extraAgentArgs);
        return JavaProcess.on(jdk).name(name).agent(args).classPath(JavaProcess.appClasses())
                .main(SERVICE_APP, downstream == null ? new String[] {"0"} : new String[] {"0", downstream});
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
