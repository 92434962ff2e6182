package io.xrayagent.core.emit;

/** What every segment says about the agent and the runtime ({@code aws.xray} and {@code service}). */
public final class AgentIdentity {
    public static final String SDK_NAME = "xray-agent for Java";

    private final String version;
    private final String runtime;
    private final String runtimeVersion;
    private final String workingDirectory;

    public AgentIdentity(String version, String runtime, String runtimeVersion, String workingDirectory) {
        this.version = version;
        this.runtime = runtime;
        this.runtimeVersion = runtimeVersion;
        this.workingDirectory = workingDirectory;
    }

    public static AgentIdentity ofThisJvm(String agentVersion) {
        return new AgentIdentity(agentVersion, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("user.dir"));
    }

    public String version() {
        return version;
    }

    public String runtime() {
        return runtime;
    }

    public String runtimeVersion() {
        return runtimeVersion;
    }

    public String workingDirectory() {
        return workingDirectory;
    }
}
