package io.xrayagent.smoke;

import static io.xrayagent.smoke.support.Docs.at;
import static io.xrayagent.smoke.support.Docs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import io.xrayagent.testing.SchemaValidator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Service A (JDK HTTP server) calls service B over HttpURLConnection, both under the agent: one trace, A's
 * segment with a remote subsegment, B's segment parented on that subsegment. On JDK 17 and Temurin 25.
 */
class TwoServiceTraceTest {
    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void oneTraceAcrossTwoServices(Path jdk) throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess b = Apps.service(jdk, receiver, "svc-b", null, null).start()) {
            int portB = b.awaitPort(Apps.START);
            try (JavaProcess a = Apps.service(jdk, receiver, "svc-a", Apps.url(portB), null).start()) {
                int portA = a.awaitPort(Apps.START);

                Http response = Http.get(portA, "/call");
                assertEquals(200, response.status);
                assertTrue(response.body.startsWith("downstream said 200"), response.body);

                List<ReceivedDocument> documents = receiver.awaitDocuments(
                        docs -> Docs.segments(docs, "svc-a").size() == 1 && Docs.segments(docs, "svc-b").size() == 1,
                        Duration.ofSeconds(20));
                ReceivedDocument segmentA = Docs.only(documents, "svc-a");
                ReceivedDocument segmentB = Docs.only(documents, "svc-b");
                Map<String, Object> jsonA = segmentA.json();
                Map<String, Object> jsonB = segmentB.json();

                // One trace, and the caller learns its id from the response header.
                assertEquals(segmentA.traceId(), segmentB.traceId());
                assertEquals("Root=" + segmentA.traceId(), response.header("X-Amzn-Trace-Id"));
                assertNull(jsonA.get("parent_id"), "A started the trace");

                // A: the incoming request.
                assertEquals("GET", at(jsonA, "http.request.method"));
                assertEquals("http://127.0.0.1:" + portA + "/call", at(jsonA, "http.request.url"));
                assertEquals("127.0.0.1", at(jsonA, "http.request.client_ip"));
                assertEquals(200L, number(jsonA, "http.response.status"));
                assertTrue(number(jsonA, "http.response.content_length") > 0);
                assertEquals(Boolean.TRUE, at(jsonA, "aws.xray.auto_instrumentation"));
                assertEquals("xray-agent for Java", at(jsonA, "aws.xray.sdk"));
                assertTrue(at(jsonA, "service.runtime_version") instanceof String);
                assertNull(jsonA.get("fault"));
                assertNull(jsonA.get("error"));

                // A's call to B.
                List<Map<String, Object>> calls = Docs.subsegments(jsonA);
                assertEquals(1, calls.size(), "one subsegment for one HttpURLConnection exchange: " + jsonA);
                Map<String, Object> call = calls.get(0);
                assertEquals("127.0.0.1", call.get("name"));
                assertEquals("remote", call.get("namespace"));
                assertEquals("GET", at(call, "http.request.method"));
                assertEquals("http://127.0.0.1:" + portB + "/hello", at(call, "http.request.url"));
                assertEquals(Boolean.TRUE, at(call, "http.request.traced"));
                assertEquals(200L, number(call, "http.response.status"));
                double start = ((Number) call.get("start_time")).doubleValue();
                double end = ((Number) call.get("end_time")).doubleValue();
                assertTrue(start >= ((Number) jsonA.get("start_time")).doubleValue() && end >= start
                        && end <= ((Number) jsonA.get("end_time")).doubleValue(), "call inside the request: " + jsonA);

                // B: parented on A's subsegment.
                assertEquals(call.get("id"), segmentB.parentId());
                assertEquals("http://127.0.0.1:" + portB + "/hello", at(jsonB, "http.request.url"));
                assertEquals(200L, number(jsonB, "http.response.status"));
                assertTrue(Docs.subsegments(jsonB).isEmpty());

                for (ReceivedDocument document : documents) {
                    SchemaValidator.assertValid(document.body());
                }
                assertEquals(2, documents.size(), "exactly two documents: " + documents);
                assertEquals(List.of(), receiver.rejected());

                // Quiet: one startup line each, no warnings from the JVM or the JDK.
                for (JavaProcess process : List.of(a, b)) {
                    assertEquals(1, process.agentLines().size(), process.agentLines().toString());
                    assertTrue(process.agentLines().get(0).startsWith("[xray-agent] INFO xray-agent "));
                    assertEquals(List.of(), process.warningLines());
                }
            }
        }
    }
}
