package io.xrayagent.smoke.containers;

import static io.xrayagent.smoke.containers.Manifests.maps;
import static io.xrayagent.smoke.containers.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * The Fargate pattern: deploy/ecs/Dockerfile builds the application image FROM a JRE image (one that already
 * sets JVM options of its own) with the agent layer copied from the agent image and JAVA_TOOL_OPTIONS in the
 * image's environment; the container runs with the environment of deploy/ecs/task-definition-baked.json. The
 * same application on JDK 17 and on JDK 25.
 */
class BakedImageTest {
    @BeforeEach
    void engine() {
        Engine.assumeAvailable();
    }

    static Stream<String> jres() {
        return TestImages.jres().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jres")
    void theAgentLayerTracesTheApplication(String jre) throws Exception {
        Map<String, String> environment = taskEnvironment();
        String service = environment.get("AWS_XRAY_TRACING_NAME");
        String image = TestImages.baked(jre);
        try (Network network = Network.newNetwork();
                LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress(0))) {
            // In the task the daemon is a sidecar on 127.0.0.1:2000; here it is the test's receiver.
            environment.put("AWS_XRAY_DAEMON_ADDRESS", Engine.hostAddress(network) + ":" + receiver.address().getPort());
            try (GenericContainer<?> container = Containers.app(image, network).withEnv(environment)) {
                container.start();
                int port = container.getMappedPort(CallTrace.APP_PORT);

                assertEquals(200, Http.get(port, "/call").status);
                List<ReceivedDocument> documents = receiver.awaitDocuments(CallTrace.complete(service),
                        Duration.ofSeconds(30));
                CallTrace.assertTree(documents, service);

                assertEquals(75.0, Double.parseDouble(Http.get(port, "/vm-option?name=MaxRAMPercentage").body),
                        "the base image's " + TestImages.EXISTING_OPTIONS + " was kept next to the agent");
                String version = Http.get(port, "/property?name=java.specification.version").body;
                if (TestImages.label(jre).matches("\\d+")) {
                    assertEquals(TestImages.label(jre), version, "the application runs on the image's JDK");
                }
                assertEquals(1, Containers.agentLines(container).size(), container.getLogs());
                assertEquals(List.of(), Containers.warningLines(container), "no JVM warnings on Java " + version);
            }
        }
    }

    /**
     * An image that already has the agent in JAVA_TOOL_OPTIONS, started with {@code -javaagent} on the command
     * line too, naming another copy of the jar (as when a platform injects its own copy): one agent starts, the
     * one JAVA_TOOL_OPTIONS names, and each request is recorded once.
     */
    @Test
    void theAgentGivenTwiceInTheContainerStartsOnce() throws Exception {
        Map<String, String> environment = taskEnvironment();
        String service = environment.get("AWS_XRAY_TRACING_NAME");
        List<String> jres = TestImages.jres();
        String image = TestImages.baked(jres.get(jres.size() - 1));
        try (Network network = Network.newNetwork();
                LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress(0))) {
            environment.put("AWS_XRAY_DAEMON_ADDRESS", Engine.hostAddress(network) + ":" + receiver.address().getPort());
            try (GenericContainer<?> container = Containers.app(image, network).withEnv(environment)
                    .withCreateContainerCmdModifier(command -> command.withEntrypoint("sh", "-c",
                            "mkdir /tmp/injected && cp /opt/xray-agent/xray-agent.jar /tmp/injected/"
                                    + " && exec java -javaagent:/tmp/injected/xray-agent.jar=serviceName=second-copy"
                                    + " -jar /app/app.jar"))) {
                container.start();
                int port = container.getMappedPort(CallTrace.APP_PORT);
                assertEquals(200, Http.get(port, "/hello").status);
                receiver.awaitDocuments(Docs.segmentCount(service, 1), Duration.ofSeconds(30));
                Thread.sleep(500);
                assertEquals(1, receiver.documents().size(), receiver.documents().toString());
                List<String> agentLines = Containers.agentLines(container);
                assertEquals(1, agentLines.size(), container.getLogs());
                assertTrue(agentLines.get(0).contains("\"" + service + "\""), agentLines.get(0));
            }
        }
    }

    /** The application container's environment in the task definition. */
    private static Map<String, String> taskEnvironment() throws Exception {
        Map<String, Object> task = Manifests.only("ecs/task-definition-baked.json");
        Map<String, Object> app = maps(task.get("containerDefinitions"), "containerDefinitions").get(0);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> entry : maps(app.get("environment"), "environment")) {
            environment.put(string(entry, "name", "environment entry"), string(entry, "value", "environment entry"));
        }
        return environment;
    }
}
