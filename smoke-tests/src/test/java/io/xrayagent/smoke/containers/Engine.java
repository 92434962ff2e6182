package io.xrayagent.smoke.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network.Ipam.Config;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/**
 * The container engine the container tests run on, through Docker's API: podman's in CI (.ci/podman), or a
 * developer's Docker. Without one the tests are skipped with a message saying how to get one; under CI
 * ({@code CI=true}), where .ci/run starts podman, they fail instead, so that they never pass by not running.
 */
final class Engine {
    private static Boolean available;

    private Engine() {
    }

    /** Skips the calling tests (or fails them under CI) when no engine answers. */
    static synchronized void assumeAvailable() {
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
        }
        if (!available) {
            unavailable("no container engine is reachable through Docker's API (DOCKER_HOST="
                    + System.getenv("DOCKER_HOST") + ")", "start podman's with `sudo .ci/podman start` and"
                    + " `eval \"$(.ci/podman env)\"`, or run Docker");
        }
    }

    /** Skips (or fails under CI) with {@code problem} and what to do about it. */
    static void unavailable(String problem, String remedy) {
        String howTo = "To run them, " + remedy + " (see docs/deployment.md, \"Running the container tests\")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("under CI the container tests must run, but " + problem + ". " + howTo);
        }
        Assumptions.abort(problem + ": the container tests are skipped. " + howTo);
    }

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /**
     * The address containers on {@code network} reach this JVM at: the network's gateway, an address of this
     * machine. {@code -Dsmoke.containers.host=...} overrides it, for engines in a VM (host.docker.internal).
     */
    static String hostAddress(Network network) {
        String configured = System.getProperty("smoke.containers.host");
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        List<Config> configs = client().inspectNetworkCmd().withNetworkId(network.getId()).exec().getIpam().getConfig();
        for (Config config : configs) {
            if (config.getGateway() != null && !config.getGateway().contains(":")) {
                return config.getGateway();
            }
        }
        throw new IllegalStateException("network " + network.getId() + " has no IPv4 gateway: " + configs);
    }
}
