package io.xrayagent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code java -jar xray-agent.jar listen}: the README's receiver prints the traces an application sends. */
class ListenCommandTest {
    @Test
    void printsTheTraceTreeOfTwoServices() throws Exception {
        int udpPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udpPort = probe.getLocalPort();
        }
        String daemon = "127.0.0.1:" + udpPort;
        try (JavaProcess listener = JavaProcess.on(Jdks.current()).name("listen").jar(JavaProcess.agentJar(), "listen", daemon)
                .start()) {
            waitFor(listener, "listening on udp " + daemon);
            try (JavaProcess b = JavaProcess.on(Jdks.current()).name("svc-b")
                    .agent("serviceName=svc-b,samplingStrategy=ALL,daemonAddress=" + daemon)
                    .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
                int portB = b.awaitPort(Apps.START);
                try (JavaProcess a = JavaProcess.on(Jdks.current()).name("svc-a")
                        .agent("serviceName=svc-a,samplingStrategy=ALL,daemonAddress=" + daemon)
                        .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0", Apps.url(portB)).start()) {
                    int portA = a.awaitPort(Apps.START);
                    assertEquals(200, Http.get(portA, "/call").status);
                    waitFor(listener, "svc-b");
                    String out = listener.stdout();
                    String[] lines = out.split("\n");
                    int a1 = indexOf(lines, "svc-a  GET http://127.0.0.1:" + portA + "/call  200");
                    int call = indexOf(lines, "127.0.0.1 [remote]  GET http://127.0.0.1:" + portB + "/hello  200");
                    int b1 = indexOf(lines, "svc-b  GET http://127.0.0.1:" + portB + "/hello  200");
                    assertTrue(a1 >= 0 && call == a1 + 1 && b1 == call + 1, out);
                    assertTrue(indent(lines[a1]) < indent(lines[call]) && indent(lines[call]) < indent(lines[b1]), out);
                    assertTrue(lines[a1 - 1].startsWith("trace 1-"), out);
                }
            }
        }
    }

    private static void waitFor(JavaProcess process, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!process.stdout().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no \"" + text + "\" in:\n" + process.stdout() + process.stderr());
            }
            Thread.sleep(50);
        }
    }

    private static int indexOf(String[] lines, String text) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
