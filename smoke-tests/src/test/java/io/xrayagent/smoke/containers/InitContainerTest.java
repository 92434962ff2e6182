package io.xrayagent.smoke.containers;

import static io.xrayagent.smoke.containers.Manifests.maps;
import static io.xrayagent.smoke.containers.Manifests.named;
import static io.xrayagent.smoke.containers.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Http;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * The Kubernetes pattern, run from deploy/kubernetes/app-deployment.yaml itself: its init container (the agent
 * image, its command, its user) copies the agent into an emptyDir-like volume; the application container mounts
 * it with the manifest's environment, expanded as Kubernetes expands it, which keeps the JVM options the
 * application already had. Only the daemon's address is the test's. On each JRE image (JDK 17 and 25).
 */
class InitContainerTest {
    private static final Pattern VM_OPTION = Pattern.compile("-XX:([A-Za-z]+)=(\\S+)");

    @BeforeEach
    void engine() {
        Engine.assumeAvailable();
    }

    static Stream<String> jres() {
        return TestImages.jres().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jres")
    void theInitContainerCopiesTheAgentAndTheApplicationIsTraced(String jre) throws Exception {
        Map<String, Object> pod = Manifests.podSpec(Manifests.kind("kubernetes/app-deployment.yaml", "Deployment"));
        Map<String, Object> init = maps(pod.get("initContainers"), "initContainers").get(0);
        Map<String, Object> app = maps(pod.get("containers"), "containers").get(0);
        Map<String, Object> initMount = maps(init.get("volumeMounts"), "init volumeMounts").get(0);
        String volumeName = string(initMount, "name", "init volumeMount");
        Map<String, Object> appMount = named(app.get("volumeMounts"), volumeName, "app volumeMounts");
        Map<String, String> environment = Manifests.kubernetesEnvironment(app);
        String service = environment.get("AWS_XRAY_TRACING_NAME");
        String existingOptions = environment.get("APP_JAVA_TOOL_OPTIONS");

        String agentImage = TestImages.agent();
        String appImage = TestImages.app(jre);
        String volume = Containers.emptyDir(TestImages.jre(jre));
        try (Network network = Network.newNetwork();
                LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress(0))) {
            try (GenericContainer<?> copier = Containers.oneShot(agentImage, Manifests.strings(init.get("command"), "command"))
                    .withCreateContainerCmdModifier(command -> {
                        command.withUser(String.valueOf(Manifests.map(init.get("securityContext"), "securityContext")
                                .get("runAsUser")));
                        Containers.mount(command, volume, string(initMount, "mountPath", "init volumeMount"), false);
                    })) {
                copier.start();
            }

            environment.put("AWS_XRAY_DAEMON_ADDRESS", Engine.hostAddress(network) + ":" + receiver.address().getPort());
            try (GenericContainer<?> container = Containers.app(appImage, network).withEnv(environment)
                    .withCreateContainerCmdModifier(command -> Containers.mount(command, volume,
                            string(appMount, "mountPath", "app volumeMount"), true))) {
                container.start();
                int port = container.getMappedPort(CallTrace.APP_PORT);

                Http response = Http.get(port, "/call");
                assertEquals(200, response.status, response.body);
                List<ReceivedDocument> documents = receiver.awaitDocuments(CallTrace.complete(service),
                        Duration.ofSeconds(30));
                CallTrace.assertTree(documents, service);

                Matcher option = VM_OPTION.matcher(existingOptions);
                assertTrue(option.find(), "the manifest's own JVM options: " + existingOptions);
                do {
                    Http value = Http.get(port, "/vm-option?name=" + option.group(1));
                    assertEquals(Double.parseDouble(option.group(2)), Double.parseDouble(value.body),
                            option.group() + " was kept next to the agent");
                } while (option.find());

                List<String> agentLines = Containers.agentLines(container);
                assertEquals(1, agentLines.size(), container.getLogs());
                assertTrue(agentLines.get(0).contains("\"" + service + "\""), agentLines.get(0));
                assertJdkToolsStayUntraced(container);
            }
        } finally {
            Containers.removeVolume(volume);
        }
    }

    /**
     * jcmd and jps read the container's JAVA_TOOL_OPTIONS too: the agent must stand down in them (the same check
     * on the host is in SafetyAndConfigurationTest). Public JRE images have no jcmd: then there is nothing to run.
     */
    private static void assertJdkToolsStayUntraced(GenericContainer<?> container) throws Exception {
        if (container.execInContainer("sh", "-c", "command -v jcmd").getExitCode() != 0) {
            return;
        }
        for (String[] command : new String[][] {{"jcmd", "1", "VM.version"}, {"jps", "-l"}}) {
            ExecResult result = container.execInContainer(command);
            String output = result.getStdout() + result.getStderr();
            assertEquals(0, result.getExitCode(), String.join(" ", command) + ":\n" + output);
            assertTrue(output.contains("Picked up JAVA_TOOL_OPTIONS"), output);
            assertFalse(output.contains("[xray-agent]"), String.join(" ", command) + ":\n" + output);
        }
    }
}
