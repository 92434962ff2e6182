package io.xrayagent.smoke.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.smoke.support.Http;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The daemon as its own container: a stand-in (a relay that forwards every datagram unchanged to the test's
 * receiver) on a user network under the DNS name xray-daemon, found by the application through
 * {@code AWS_XRAY_DAEMON_ADDRESS=xray-daemon:2000}, as with a sidecar or a Service. The daemon is stopped and
 * started again mid-test: the application serves throughout, and its segments reach the daemon again.
 */
class DaemonSidecarTest {
    private static final String DAEMON_NAME = "xray-daemon";
    private static final String SERVICE = "orders";
    /** Longer than the agent's DNS refresh (30 s), in case the restarted daemon has a new address. */
    private static final Duration RECOVERY = Duration.ofSeconds(75);

    @BeforeEach
    void engine() {
        Engine.assumeAvailable();
    }

    @Test
    void segmentsFlowAgainAfterTheDaemonRestarts() throws Exception {
        String jre = TestImages.jres().get(0);
        String relayImage = TestImages.app(jre);
        String appImage = TestImages.baked(jre);
        try (Network network = Network.newNetwork();
                LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress(0))) {
            String forward = Engine.hostAddress(network) + ":" + receiver.address().getPort();
            try (GenericContainer<?> daemon = new GenericContainer<>(relayImage).withNetwork(network)
                    .withNetworkAliases(DAEMON_NAME)
                    .withCreateContainerCmdModifier(command -> command.withEntrypoint("java", "-cp", "/app/app.jar",
                            "io.xrayagent.smoke.containerapp.DaemonRelay", forward, "2000"))
                    .waitingFor(Wait.forLogMessage(".*RELAYING.*\\n", 1)
                            .withStartupTimeout(Containers.START));
                    GenericContainer<?> app = Containers.app(appImage, network)
                            .withEnv("AWS_XRAY_TRACING_NAME", SERVICE)
                            .withEnv("AWS_XRAY_DAEMON_ADDRESS", DAEMON_NAME + ":2000")) {
                daemon.start();
                app.start();
                int port = app.getMappedPort(CallTrace.APP_PORT);

                assertEquals(200, Http.get(port, "/call").status);
                CallTrace.assertTree(receiver.awaitDocuments(CallTrace.complete(SERVICE), Duration.ofSeconds(30)), SERVICE);

                DockerClient client = Engine.client();
                client.stopContainerCmd(daemon.getContainerId()).withTimeout(2).exec();
                receiver.clear();
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, Http.get(port, "/call").status, "the application serves while the daemon is down");
                }
                Thread.sleep(1000);
                assertEquals(List.of(), receiver.documents(), "nothing gets through a stopped daemon");
                client.startContainerCmd(daemon.getContainerId()).exec();
                awaitRelayStarts(daemon, 2);

                // UDP gives no word of delivery: call until a complete trace arrives.
                long restarted = System.nanoTime();
                long deadline = restarted + RECOVERY.toNanos();
                boolean arrived = false;
                while (!arrived && System.nanoTime() < deadline) {
                    assertEquals(200, Http.get(port, "/call").status);
                    arrived = CallTrace.complete(SERVICE).test(receiver.documents())
                            || waitQuietly(receiver, Duration.ofSeconds(1));
                }
                assertTrue(arrived, "no segment reached the restarted daemon within " + RECOVERY + "; app log:\n"
                        + app.getLogs());
                // For the record (docs/deployment.md): how long the gap was here.
                System.out.printf("segments reached the restarted daemon after %.1f s%n",
                        (System.nanoTime() - restarted) / 1e9);
                CallTrace.assertTree(receiver.documents(), SERVICE);
                assertTrue(app.isRunning());
                List<String> agentLines = Containers.agentLines(app);
                assertEquals(1, agentLines.size(), "the agent stays quiet about the lost datagrams: " + app.getLogs());
            }
        }
    }

    private static boolean waitQuietly(LocalReceiver receiver, Duration timeout) throws InterruptedException {
        try {
            receiver.awaitDocuments(CallTrace.complete(SERVICE), timeout);
            return true;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private static void awaitRelayStarts(GenericContainer<?> daemon, int starts) throws InterruptedException {
        long deadline = System.nanoTime() + Containers.START.toNanos();
        while (System.nanoTime() < deadline) {
            if (daemon.getLogs().split("RELAYING", -1).length - 1 >= starts) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the daemon stand-in did not start again:\n" + daemon.getLogs());
    }
}
