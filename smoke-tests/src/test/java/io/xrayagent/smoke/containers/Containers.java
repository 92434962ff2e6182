package io.xrayagent.smoke.containers;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** Starting the containers of the tests, and reading what they printed. */
final class Containers {
    static final Duration START = Duration.ofSeconds(60);

    private Containers() {
    }

    /** The container application (listening on 8080, published on an ephemeral port), not yet started. */
    static GenericContainer<?> app(String image, Network network) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withExposedPorts(CallTrace.APP_PORT)
                .waitingFor(Wait.forLogMessage(".*LISTENING " + CallTrace.APP_PORT + ".*\\n", 1).withStartupTimeout(START));
    }

    /** A container that must run to completion with exit code 0, as an init container must; not yet started. */
    static GenericContainer<?> oneShot(String image, List<String> command) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withCommand(command.toArray(new String[0]))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(START));
    }

    /**
     * A new named volume that behaves like Kubernetes' emptyDir or an ECS task volume: empty and writable by any
     * user (podman and Docker make a named volume's root writable by root only).
     */
    static String emptyDir(String imageWithChmod) {
        String name = "xray-agent-test-" + UUID.randomUUID();
        Engine.client().createVolumeCmd().withName(name).exec();
        try (GenericContainer<?> chmod = oneShot(imageWithChmod, List.of())
                .withCreateContainerCmdModifier(command -> command.withEntrypoint("chmod", "1777", "/volume").withUser("0")
                        .getHostConfig().withBinds(new Bind(name, new Volume("/volume"))))) {
            chmod.start();
        }
        return name;
    }

    static void removeVolume(String name) {
        Engine.client().removeVolumeCmd(name).exec();
    }

    static void mount(CreateContainerCmd command, String volume, String path, boolean readOnly) {
        List<Bind> binds = new ArrayList<>();
        if (command.getHostConfig().getBinds() != null) {
            binds.addAll(Arrays.asList(command.getHostConfig().getBinds()));
        }
        binds.add(new Bind(volume, new Volume(path), readOnly ? AccessMode.ro : AccessMode.rw));
        command.getHostConfig().withBinds(binds);
    }

    /** Lines the agent printed: those that start with {@code [xray-agent]}. */
    static List<String> agentLines(GenericContainer<?> container) {
        List<String> lines = new ArrayList<>();
        for (String line : container.getLogs().split("\n")) {
            if (line.startsWith("[xray-agent]")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Warnings of the JVM or the JDK in the container's error output. */
    static List<String> warningLines(GenericContainer<?> container) {
        List<String> lines = new ArrayList<>();
        for (String line : container.getLogs(OutputFrame.OutputType.STDERR).split("\n")) {
            if (line.startsWith("WARNING") || line.contains("VM warning")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
