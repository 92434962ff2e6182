package io.xrayagent.smoke.containers;

import static io.xrayagent.smoke.containers.Manifests.kind;
import static io.xrayagent.smoke.containers.Manifests.map;
import static io.xrayagent.smoke.containers.Manifests.maps;
import static io.xrayagent.smoke.containers.Manifests.named;
import static io.xrayagent.smoke.containers.Manifests.podSpec;
import static io.xrayagent.smoke.containers.Manifests.string;
import static io.xrayagent.smoke.containers.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes/ is well formed (every object read by the Kubernetes API's own models, which reject unknown
 * fields, missing required ones and wrong types) and hangs together: selectors, volumes, the daemon's Service
 * and ports, the init container's copy landing where JAVA_TOOL_OPTIONS looks. No cluster needed.
 * InitContainerTest runs the Deployment's init container and environment in real containers.
 */
class KubernetesManifestsTest {
    static final String DAEMON = "kubernetes/xray-daemon.yaml";
    static final String APP = "kubernetes/app-deployment.yaml";

    interface Model {
        Object read(String json) throws IOException;
    }

    private static final Map<String, Model> MODELS = Map.of(
            "ServiceAccount", V1ServiceAccount::fromJson,
            "DaemonSet", V1DaemonSet::fromJson,
            "Service", V1Service::fromJson,
            "Deployment", V1Deployment::fromJson);

    @ParameterizedTest
    @ValueSource(strings = {DAEMON, APP})
    void everyObjectIsAValidKubernetesObject(String file) throws Exception {
        for (Map<String, Object> object : Manifests.documents(file)) {
            String kind = string(object, "kind", file);
            Model model = MODELS.get(kind);
            assertNotNull(model, "a kind this test knows: " + kind + " in " + file);
            String json = new Gson().toJson(object);
            try {
                model.read(json);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(file + ": " + kind + " is not valid: " + e.getMessage(), e);
            }
            Map<String, Object> metadata = map(object.get("metadata"), kind + ".metadata");
            string(metadata, "name", kind + ".metadata");
            assertEquals("default", metadata.get("namespace"), "explicit namespace, as AWS_XRAY_DAEMON_ADDRESS names it");
        }
    }

    @Test
    void theModelsRejectWhatKubectlWouldReject() {
        // The check above can fail: a misspelt field and a missing container name are errors.
        assertThrows(RuntimeException.class, () -> V1Deployment.fromJson(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replica\":2}}"));
        assertThrows(RuntimeException.class, () -> V1Deployment.fromJson("{\"apiVersion\":\"apps/v1\","
                + "\"kind\":\"Deployment\",\"spec\":{\"selector\":{},\"template\":{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DaemonSet", "Deployment"})
    void selectorsMatchTheirPodsAndEveryMountHasAVolume(String workloadKind) throws Exception {
        Map<String, Object> workload = kind(workloadKind.equals("DaemonSet") ? DAEMON : APP, workloadKind);
        Map<String, Object> spec = map(workload.get("spec"), "spec");
        Map<String, Object> matchLabels = map(map(spec.get("selector"), "selector").get("matchLabels"), "matchLabels");
        Map<String, Object> podLabels = map(map(map(spec.get("template"), "template").get("metadata"), "metadata")
                .get("labels"), "labels");
        assertTrue(podLabels.entrySet().containsAll(matchLabels.entrySet()), matchLabels + " in " + podLabels);
        Map<String, Object> pod = podSpec(workload);
        for (Map<String, Object> container : allContainers(pod)) {
            if (container.get("volumeMounts") != null) {
                for (Map<String, Object> mount : maps(container.get("volumeMounts"), "volumeMounts")) {
                    named(pod.get("volumes"), string(mount, "name", "volumeMount"), "volumes");
                }
            }
        }
    }

    @Test
    void theServiceReachesTheDaemonOnUdpAndTcp2000WithItsServiceAccount() throws Exception {
        Map<String, Object> daemonSet = kind(DAEMON, "DaemonSet");
        Map<String, Object> service = kind(DAEMON, "Service");
        Map<String, Object> pod = podSpec(daemonSet);
        Map<String, Object> podLabels = map(map(map(map(daemonSet.get("spec"), "spec").get("template"), "template")
                .get("metadata"), "metadata").get("labels"), "labels");
        Map<String, Object> selector = map(map(service.get("spec"), "spec").get("selector"), "Service selector");
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), selector + " selects the daemon's pods");

        Map<String, Object> daemon = maps(pod.get("containers"), "containers").get(0);
        assertTrue(string(daemon, "image", "daemon").contains("aws-xray-daemon"), "the X-Ray daemon image");
        List<String> protocols = new ArrayList<>();
        for (Map<String, Object> port : maps(map(service.get("spec"), "spec").get("ports"), "Service ports")) {
            assertEquals(2000, port.get("port"));
            Map<String, Object> target = named(daemon.get("ports"), string(port, "targetPort", "Service port"), "daemon ports");
            assertEquals(2000, target.get("containerPort"));
            assertEquals(port.get("protocol"), target.get("protocol"));
            protocols.add((String) port.get("protocol"));
        }
        assertEquals(List.of("UDP", "TCP"), protocols);
        List<String> args = strings(daemon.get("args"), "daemon args");
        assertEquals("0.0.0.0:2000", args.get(args.indexOf("--bind") + 1), "UDP on the pod's address, not loopback");
        assertEquals("0.0.0.0:2000", args.get(args.indexOf("--bind-tcp") + 1));

        Map<String, Object> account = kind(DAEMON, "ServiceAccount");
        assertEquals(map(account.get("metadata"), "metadata").get("name"), pod.get("serviceAccountName"));
        assertTrue(string(map(map(account.get("metadata"), "metadata").get("annotations"), "annotations"),
                "eks.amazonaws.com/role-arn", "annotations").startsWith("arn:aws:iam::"), "an IAM role for EKS");
    }

    @Test
    void theApplicationAddsTheCopiedAgentToItsOwnOptionsAndSendsToTheService() throws Exception {
        Map<String, Object> pod = podSpec(kind(APP, "Deployment"));
        Map<String, Object> init = maps(pod.get("initContainers"), "initContainers").get(0);
        Map<String, Object> app = maps(pod.get("containers"), "containers").get(0);

        // cp <a file of the agent image> <a file in the shared volume>
        List<String> command = strings(init.get("command"), "init command");
        assertEquals(3, command.size(), command.toString());
        assertEquals("cp", command.get(0));
        assertTrue(TestImages.AGENT_PATHS.contains(command.get(1)), command.get(1) + " is in the agent image");
        Map<String, Object> initMount = maps(init.get("volumeMounts"), "init volumeMounts").get(0);
        String volume = string(initMount, "name", "init volumeMount");
        assertTrue(map(named(pod.get("volumes"), volume, "volumes").get("emptyDir"), "emptyDir") != null);
        String copied = command.get(2);
        String initPath = string(initMount, "mountPath", "init volumeMount");
        assertTrue(copied.startsWith(initPath + "/"), copied + " is in the volume");
        String appPath = string(named(app.get("volumeMounts"), volume, "app volumeMounts"), "mountPath", "app volumeMount");
        String jarInApp = appPath + copied.substring(initPath.length());
        assertTrue(jarInApp.endsWith("/xray-agent.jar"), "the name that keeps class data sharing on: " + jarInApp);

        // Appended: the raw value starts with a reference to the options above it, the expanded one keeps them.
        String raw = string(named(app.get("env"), "JAVA_TOOL_OPTIONS", "env"), "value", "JAVA_TOOL_OPTIONS");
        Map<String, String> environment = Manifests.kubernetesEnvironment(app);
        assertTrue(raw.matches("\\$\\([A-Z_]+\\) .*"), "JAVA_TOOL_OPTIONS adds to earlier options: " + raw);
        String existing = environment.get(raw.substring(2, raw.indexOf(')')));
        assertNotNull(existing, raw + " refers to an entry above it");
        assertEquals(existing + " -javaagent:" + jarInApp, environment.get("JAVA_TOOL_OPTIONS"));

        Map<String, Object> service = kind(DAEMON, "Service");
        Map<String, Object> serviceMetadata = map(service.get("metadata"), "metadata");
        assertEquals(serviceMetadata.get("name") + "." + serviceMetadata.get("namespace") + ":2000",
                environment.get("AWS_XRAY_DAEMON_ADDRESS"));
        string(app, "image", "app");
        assertTrue(environment.containsKey("AWS_XRAY_TRACING_NAME"));
    }

    private static List<Map<String, Object>> allContainers(Map<String, Object> pod) {
        List<Map<String, Object>> containers = new ArrayList<>(maps(pod.get("containers"), "containers"));
        if (pod.get("initContainers") != null) {
            containers.addAll(maps(pod.get("initContainers"), "initContainers"));
        }
        return containers;
    }
}
