package io.xrayagent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The trace header in and out of a service, and what sampling decides. */
class PropagationAndSamplingTest {
    private static final Pattern ROOT = Pattern.compile("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final String TRACE = "1-5759e988-bd862e3fe1be46a994272793";

    @Test
    void incomingHeaderIsHonouredAndPassedOnWithLineage() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess b = Apps.service(Jdks.current(), receiver, "svc-b", null, null).start()) {
            int portB = b.awaitPort(Apps.START);
            try (JavaProcess a = Apps.service(Jdks.current(), receiver, "svc-a", Apps.url(portB), null).start()) {
                int portA = a.awaitPort(Apps.START);
                Http response = Http.get(portA, "/call-echo",
                        "Root=" + TRACE + ";Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5;Custom=x");
                assertEquals("Root=" + TRACE, response.header("X-Amzn-Trace-Id"), "no Sampled: the caller did not ask");

                List<ReceivedDocument> documents = receiver.awaitDocuments(
                        docs -> Docs.segments(docs, "svc-a").size() == 1 && Docs.segments(docs, "svc-b").size() == 1,
                        Duration.ofSeconds(20));
                ReceivedDocument segmentA = Docs.only(documents, "svc-a");
                assertEquals(TRACE, segmentA.traceId());
                assertEquals("53995c3f42cd8ad8", segmentA.parentId());
                Map<String, Object> call = Docs.subsegments(segmentA.json()).get(0);
                // What B received: the call's subsegment as Parent, and the fields the agent does not own.
                assertEquals("Root=" + TRACE + ";Parent=" + call.get("id") + ";Sampled=1;Lineage=a87bd80c:1|68fd508a:5;Custom=x",
                        response.body);
                assertEquals(TRACE, Docs.only(documents, "svc-b").traceId());
            }
        }
    }

    @Test
    void samplingRequestedWithQuestionMarkIsAnsweredOnTheResponse() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = Apps.service(Jdks.current(), receiver, "svc", null, null).start()) {
            int port = app.awaitPort(Apps.START);
            Http response = Http.get(port, "/hello", "Root=" + TRACE + ";Sampled=?");
            assertEquals("Root=" + TRACE + ";Sampled=1", response.header("X-Amzn-Trace-Id"));
            receiver.awaitDocuments(Docs.segmentCount("svc", 1), Duration.ofSeconds(20));
        }
    }

    @Test
    void unsampledRequestsSendNothingButPropagateSampledZero() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess b = Apps.service(Jdks.current(), receiver, "svc-b", null, null).start()) {
            int portB = b.awaitPort(Apps.START);
            try (JavaProcess a = Apps.service(Jdks.current(), receiver, "svc-a", Apps.url(portB), "samplingStrategy=NONE")
                    .start()) {
                int portA = a.awaitPort(Apps.START);
                Http response = Http.get(portA, "/call-echo");
                assertTrue(ROOT.matcher(response.header("X-Amzn-Trace-Id")).matches(), response.header("X-Amzn-Trace-Id"));
                String traceId = response.header("X-Amzn-Trace-Id").substring("Root=".length());
                assertEquals("Root=" + traceId + ";Sampled=0", response.body, "B is told the decision and the trace");
                Http second = Http.get(portA, "/call");
                assertEquals(200, second.status);
                Thread.sleep(1500);
                assertEquals(List.of(), receiver.documents(), "B obeys Sampled=0 although it samples everything itself");
            }
        }
    }

    @Test
    void malformedHeadersStartAFreshTraceAndTheApplicationSeesNoDifference() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = Apps.service(Jdks.current(), receiver, "svc", null, null).start()) {
            int port = app.awaitPort(Apps.START);
            String[] garbage = {
                "Root=1-zzzz-123;Parent=short;Sampled=yes",
                ";;;===;;",
                "Root=" + "1".repeat(3000),
                "Root=1-5759e988-bd862e3fe1be46a99427279;Sampled=1",
                "\u00e9t\u00e9=\u2603;Root",
            };
            for (String header : garbage) {
                Http response = Http.get(port, "/hello", header);
                assertEquals(200, response.status, header);
                assertTrue(response.body.startsWith("hello from"), response.body);
                assertTrue(ROOT.matcher(response.header("X-Amzn-Trace-Id")).matches(), response.header("X-Amzn-Trace-Id"));
            }
            List<ReceivedDocument> documents = receiver.awaitDocuments(Docs.segmentCount("svc", garbage.length),
                    Duration.ofSeconds(20));
            for (ReceivedDocument document : documents) {
                assertNotEquals("1-5759e988-bd862e3fe1be46a99427279", document.traceId());
                assertEquals(null, document.parentId());
            }
            assertEquals(1, app.agentLines().size(), "bad headers are not worth a log line: " + app.agentLines());
        }
    }

    @Test
    void defaultSamplingTakesTheFirstRequestOfASecondAndFivePercentOfTheRest() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(Jdks.current()).name("svc")
                        .agent("serviceName=svc,daemonAddress=" + receiver.daemonAddress())
                        .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
            int port = app.awaitPort(Apps.START);
            int requests = 200;
            long started = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                assertEquals(200, Http.get(port, "/hello").status);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(1500);
            int sampled = receiver.documents().size();
            // One per started second by reservoir, then 5% of the rest: a loose bound that cannot flake.
            int upper = (int) Math.ceil(seconds + 1) + 40;
            assertTrue(sampled >= 1 && sampled <= upper, sampled + " of " + requests + " sampled in " + seconds + " s");
        }
    }
}
