package io.xrayagent.smoke.containers;

import static io.xrayagent.smoke.containers.Manifests.map;
import static io.xrayagent.smoke.containers.Manifests.maps;
import static io.xrayagent.smoke.containers.Manifests.named;
import static io.xrayagent.smoke.containers.Manifests.string;
import static io.xrayagent.smoke.containers.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/ecs/ is well formed for RegisterTaskDefinition on Fargate (known fields with their types, the Fargate
 * rules ECS enforces) and hangs together: the daemon sidecar on UDP 2000 of the task's shared loopback, the
 * init container's copy landing where JAVA_TOOL_OPTIONS looks, the Dockerfile's agent layer. BakedImageTest
 * builds and runs the Dockerfile for real.
 */
class EcsManifestsTest {
    static final String INIT = "ecs/task-definition-init-container.json";
    static final String BAKED = "ecs/task-definition-baked.json";

    /** RegisterTaskDefinition's parameters and ContainerDefinition's fields, from the ECS API reference. */
    private static final Set<String> TASK_FIELDS = Set.of("family", "taskRoleArn", "executionRoleArn", "networkMode",
            "containerDefinitions", "volumes", "placementConstraints", "requiresCompatibilities", "cpu", "memory",
            "tags", "pidMode", "ipcMode", "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage",
            "runtimePlatform", "enableFaultInjection");
    private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "repositoryCredentials", "cpu",
            "memory", "memoryReservation", "links", "portMappings", "essential", "restartPolicy", "entryPoint",
            "command", "environment", "environmentFiles", "mountPoints", "volumesFrom", "linuxParameters", "secrets",
            "dependsOn", "startTimeout", "stopTimeout", "versionConsistency", "hostname", "user", "workingDirectory",
            "disableNetworking", "privileged", "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts",
            "dockerSecurityOptions", "interactive", "pseudoTerminal", "dockerLabels", "ulimits", "logConfiguration",
            "healthCheck", "systemControls", "resourceRequirements", "firelensConfiguration", "credentialSpecs");
    /** Fargate's task sizes: CPU units to the memory (MiB) allowed with them. */
    private static final Map<String, long[]> FARGATE_MEMORY = Map.of(
            "256", new long[] {512, 1024, 2048},
            "512", range(1024, 4096, 1024),
            "1024", range(2048, 8192, 1024),
            "2048", range(4096, 16384, 1024),
            "4096", range(8192, 30720, 1024),
            "8192", range(16384, 61440, 4096),
            "16384", range(32768, 122880, 8192));

    @ParameterizedTest
    @ValueSource(strings = {INIT, BAKED})
    void theTaskDefinitionIsValidForFargate(String file) throws Exception {
        Map<String, Object> task = Manifests.only(file);
        assertKnown(task.keySet(), TASK_FIELDS, file);
        string(task, "family", file);
        assertEquals(List.of("FARGATE"), strings(task.get("requiresCompatibilities"), "requiresCompatibilities"));
        assertEquals("awsvpc", task.get("networkMode"), "the only network mode of Fargate");
        String cpu = string(task, "cpu", file);
        String memory = string(task, "memory", file);
        assertTrue(FARGATE_MEMORY.containsKey(cpu), "a Fargate CPU size: " + cpu);
        assertTrue(contains(FARGATE_MEMORY.get(cpu), Long.parseLong(memory)), memory + " MiB with " + cpu + " CPU units");
        assertTrue(string(task, "taskRoleArn", file).startsWith("arn:aws:iam::"), "the role the daemon writes with");
        assertTrue(string(task, "executionRoleArn", file).startsWith("arn:aws:iam::"), "the role that pulls images");

        Set<String> volumes = new HashSet<>();
        if (task.get("volumes") != null) {
            for (Map<String, Object> volume : maps(task.get("volumes"), "volumes")) {
                volumes.add(string(volume, "name", "volume"));
                assertFalse(volume.containsKey("host"), "Fargate has no host volumes");
            }
        }
        Map<String, Map<String, Object>> containers = new LinkedHashMap<>();
        for (Map<String, Object> container : maps(task.get("containerDefinitions"), "containerDefinitions")) {
            String name = string(container, "name", "container");
            assertKnown(container.keySet(), CONTAINER_FIELDS, name);
            assertEquals(null, containers.put(name, container), "container names are unique: " + name);
            string(container, "image", name);
            assertTrue(container.get("essential") instanceof Boolean, name + ".essential is a boolean");
            for (String list : new String[] {"command", "entryPoint"}) {
                if (container.get(list) != null) {
                    strings(container.get(list), name + "." + list);
                }
            }
            if (container.get("environment") != null) {
                for (Map<String, Object> entry : maps(container.get("environment"), name + ".environment")) {
                    string(entry, "name", name + ".environment");
                    assertTrue(entry.get("value") instanceof String, name + ": environment values are strings");
                }
            }
            if (container.get("portMappings") != null) {
                for (Map<String, Object> port : maps(container.get("portMappings"), name + ".portMappings")) {
                    assertTrue(port.get("containerPort") instanceof Integer, name + ": containerPort is a number");
                    assertTrue(List.of("tcp", "udp").contains(port.get("protocol")), name + ": " + port);
                    assertTrue(port.get("hostPort") == null || port.get("hostPort").equals(port.get("containerPort")),
                            "awsvpc: hostPort is containerPort");
                }
            }
            if (container.get("mountPoints") != null) {
                for (Map<String, Object> mount : maps(container.get("mountPoints"), name + ".mountPoints")) {
                    assertTrue(volumes.contains(string(mount, "sourceVolume", name + ".mountPoints")), mount + " has a volume");
                    assertTrue(string(mount, "containerPath", name + ".mountPoints").startsWith("/"), mount.toString());
                }
            }
        }
        assertTrue(containers.values().stream().anyMatch(c -> Boolean.TRUE.equals(c.get("essential"))),
                "a task needs an essential container");
        for (Map<String, Object> container : containers.values()) {
            if (container.get("dependsOn") == null) {
                continue;
            }
            for (Map<String, Object> dependency : maps(container.get("dependsOn"), "dependsOn")) {
                Map<String, Object> target = containers.get(string(dependency, "containerName", "dependsOn"));
                assertNotNull(target, "dependsOn names a container of the task: " + dependency);
                String condition = string(dependency, "condition", "dependsOn");
                assertTrue(List.of("START", "COMPLETE", "SUCCESS", "HEALTHY").contains(condition), condition);
                if (condition.equals("SUCCESS") || condition.equals("COMPLETE")) {
                    assertEquals(Boolean.FALSE, target.get("essential"), "ECS: a container others wait to finish"
                            + " cannot be essential: " + dependency);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {INIT, BAKED})
    void theApplicationSendsToTheDaemonSidecarOnTheTasksLoopback(String file) throws Exception {
        Map<String, Object> task = Manifests.only(file);
        Map<String, Object> daemon = named(task.get("containerDefinitions"), "xray-daemon", "containerDefinitions");
        assertTrue(string(daemon, "image", "xray-daemon").contains("aws-xray-daemon"));
        assertTrue(maps(daemon.get("portMappings"), "daemon ports").stream()
                .anyMatch(p -> Integer.valueOf(2000).equals(p.get("containerPort")) && "udp".equals(p.get("protocol"))));
        Map<String, Object> app = application(task);
        Map<String, String> environment = environment(app);
        assertEquals("127.0.0.1:2000", environment.get("AWS_XRAY_DAEMON_ADDRESS"), "awsvpc: one loopback per task");
        assertNotNull(environment.get("AWS_XRAY_TRACING_NAME"));
        assertTrue(maps(app.get("dependsOn"), "dependsOn").stream()
                .anyMatch(d -> "xray-daemon".equals(d.get("containerName")) && "START".equals(d.get("condition"))),
                "the daemon is up before the first segment");
        // Keeps the application running when the daemon fails: ECS restarts the daemon alone.
        assertEquals(Boolean.FALSE, daemon.get("essential"));
        assertEquals(Boolean.TRUE, map(daemon.get("restartPolicy"), "restartPolicy").get("enabled"));
    }

    @Test
    void theInitContainerCopiesTheAgentWhereJavaToolOptionsLooks() throws Exception {
        Map<String, Object> task = Manifests.only(INIT);
        Map<String, Object> app = application(task);
        Map<String, Object> copier = named(task.get("containerDefinitions"), "xray-agent", "containerDefinitions");
        List<String> command = strings(copier.get("command"), "xray-agent.command");
        assertEquals("cp", command.get(0));
        assertTrue(TestImages.AGENT_PATHS.contains(command.get(1)), command.get(1) + " is in the agent image");
        Map<String, Object> copierMount = maps(copier.get("mountPoints"), "mountPoints").get(0);
        String volume = string(copierMount, "sourceVolume", "mountPoints");
        String copierPath = string(copierMount, "containerPath", "mountPoints");
        assertTrue(command.get(2).startsWith(copierPath + "/"), command + " writes into the volume");
        Map<String, Object> appMount = maps(app.get("mountPoints"), "mountPoints").stream()
                .filter(m -> volume.equals(m.get("sourceVolume"))).findFirst()
                .orElseThrow(() -> new AssertionError("the application mounts " + volume));
        String jar = appMount.get("containerPath") + command.get(2).substring(copierPath.length());
        String options = environment(app).get("JAVA_TOOL_OPTIONS");
        assertNotNull(options);
        assertTrue(options.endsWith(" -javaagent:" + jar), "JAVA_TOOL_OPTIONS keeps the application's own options"
                + " and adds the copied agent: " + options);
        assertTrue(maps(app.get("dependsOn"), "dependsOn").stream()
                .anyMatch(d -> "xray-agent".equals(d.get("containerName")) && "SUCCESS".equals(d.get("condition"))),
                "the application starts only once the copy succeeded");
    }

    @Test
    void theBakedTaskLeavesTheImagesJavaToolOptionsAlone() throws Exception {
        // ECS replaces an image's variable with the task's: a JAVA_TOOL_OPTIONS here would drop the agent.
        assertFalse(environment(application(Manifests.only(BAKED))).containsKey("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void theDockerfileCopiesTheAgentLayerAndAddsItToJavaToolOptions() throws Exception {
        String dockerfile = Files.readString(Manifests.path("ecs/Dockerfile"));
        Matcher stage = Pattern.compile("(?m)^FROM \\$\\{AGENT_IMAGE} AS (\\S+)$").matcher(dockerfile);
        assertTrue(stage.find(), "a stage FROM the agent image");
        Matcher copy = Pattern.compile("(?m)^COPY --from=" + Pattern.quote(stage.group(1)) + " (\\S+) (\\S+)$")
                .matcher(dockerfile);
        assertTrue(copy.find(), "the agent layer is copied from that stage");
        assertTrue(TestImages.AGENT_PATHS.contains(copy.group(1)), copy.group(1) + " is in the agent image");
        assertTrue(copy.group(2).endsWith("/xray-agent.jar"), "the name that keeps class data sharing on");
        assertTrue(dockerfile.contains("ENV JAVA_TOOL_OPTIONS=\"${JAVA_TOOL_OPTIONS:+${JAVA_TOOL_OPTIONS} }-javaagent:"
                + copy.group(2) + "\""), "added to the base image's options, not in their place");
    }

    private static Map<String, Object> application(Map<String, Object> task) {
        return maps(task.get("containerDefinitions"), "containerDefinitions").stream()
                .filter(c -> Boolean.TRUE.equals(c.get("essential"))).findFirst()
                .orElseThrow(() -> new AssertionError("no essential container: " + task));
    }

    private static Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new HashMap<>();
        for (Map<String, Object> entry : maps(container.get("environment"), "environment")) {
            environment.put((String) entry.get("name"), (String) entry.get("value"));
        }
        return environment;
    }

    private static void assertKnown(Set<String> keys, Set<String> known, String where) {
        for (String key : keys) {
            assertTrue(known.contains(key), "unknown field " + key + " in " + where + " (ECS rejects it)");
        }
    }

    private static long[] range(long from, long to, long step) {
        long[] values = new long[(int) ((to - from) / step) + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + i * step;
        }
        return values;
    }

    private static boolean contains(long[] values, long value) {
        for (long candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }
}
