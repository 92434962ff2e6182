package io.xrayagent.core.emit;

import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.SqlData;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.Tree;
import io.xrayagent.receiver.Json;
import io.xrayagent.testing.SchemaValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentWriterTest {
    static final AgentIdentity IDENTITY = new AgentIdentity("1.2.3", "OpenJDK 64-Bit Server VM", "17.0.9", "/srv/app");
    private static final String TRACE = "1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70";
    private static final String CALLER = "53995c3f42cd8ad8";
    private static final long START = 1716581281123456L;
    private static final long END = 1716581281400012L;

    private final SegmentWriter writer = new SegmentWriter(IDENTITY);

    @Test
    void writesEveryFieldOfASegmentWithRemoteCalls() throws IOException {
        Segment segment = new Segment(TRACE, "6b55dcc497934f1a", "orders-api", START, CALLER, null, "orders-rule");
        segment.setOrigin("AWS::ECS::Container");
        segment.setRequest(HttpRequestData.incoming("POST", "https://orders.example.com/api/orders", "curl/8.5",
                "10.0.1.7", true));
        Subsegment notFound = Tree.begin(segment, "inventory.example.com", "remote", START + 1000);
        notFound.setRequest(HttpRequestData.outgoing("GET", "https://inventory.example.com/items/7", true));
        notFound.setResponse(404, 10);
        Tree.endSubsegment(notFound, START + 2000, 100);
        Subsegment throttled = Tree.begin(segment, "payments.example.com", "remote", START + 3000);
        throttled.setRequest(HttpRequestData.outgoing("POST", "https://payments.example.com/charge", true));
        throttled.setResponse(429, -1);
        Tree.endSubsegment(throttled, START + 4000, 100);
        segment.setResponse(503, 52);
        IllegalStateException thrown = new IllegalStateException("payments throttled",
                new java.io.IOException("HTTP 429"));
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Orders", "create", "Orders.java", 42),
            new StackTraceElement("com.example.Orders$$Lambda$12/0x1234", "apply", null, -1),
            new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
        });
        segment.recordException(segment, thrown, 50);
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> doc = object(Json.parse(json));

        assertEquals("orders-api", doc.get("name"));
        assertEquals("6b55dcc497934f1a", doc.get("id"));
        assertEquals(TRACE, doc.get("trace_id"));
        assertEquals(CALLER, doc.get("parent_id"));
        assertNull(doc.get("type"));
        assertEquals("AWS::ECS::Container", doc.get("origin"));
        // Numbers, with the microseconds written out.
        assertTrue(json.contains("\"start_time\":1716581281.123456"), json);
        assertTrue(json.contains("\"end_time\":1716581281.400012"), json);
        assertEquals(1716581281.123456, (Double) doc.get("start_time"), 1e-7);
        assertEquals(1716581281.400012, (Double) doc.get("end_time"), 1e-7);
        assertFalse(doc.containsKey("in_progress"));

        Map<String, Object> http = object(doc.get("http"));
        Map<String, Object> request = object(http.get("request"));
        assertEquals("POST", request.get("method"));
        assertEquals("https://orders.example.com/api/orders", request.get("url"));
        assertEquals("curl/8.5", request.get("user_agent"));
        assertEquals("10.0.1.7", request.get("client_ip"));
        assertEquals(Boolean.TRUE, request.get("x_forwarded_for"));
        assertFalse(request.containsKey("traced"), "traced belongs to subsegments");
        Map<String, Object> response = object(http.get("response"));
        assertEquals(503L, response.get("status"));
        assertEquals(52L, response.get("content_length"));
        assertEquals(Boolean.TRUE, doc.get("fault"));
        assertFalse(doc.containsKey("error"));
        assertFalse(doc.containsKey("throttle"));

        Map<String, Object> xray = object(object(doc.get("aws")).get("xray"));
        assertEquals(AgentIdentity.SDK_NAME, xray.get("sdk"));
        assertEquals("1.2.3", xray.get("sdk_version"));
        assertEquals(Boolean.TRUE, xray.get("auto_instrumentation"));
        assertEquals("orders-rule", xray.get("rule_name"));
        Map<String, Object> service = object(doc.get("service"));
        assertEquals("OpenJDK 64-Bit Server VM", service.get("runtime"));
        assertEquals("17.0.9", service.get("runtime_version"));

        Map<String, Object> cause = object(doc.get("cause"));
        assertEquals("/srv/app", cause.get("working_directory"));
        List<Object> exceptions = list(cause.get("exceptions"));
        assertEquals(2, exceptions.size());
        Map<String, Object> first = object(exceptions.get(0));
        Map<String, Object> second = object(exceptions.get(1));
        assertTrue(((String) first.get("id")).matches("^[0-9a-f]{16}$"));
        assertEquals("java.lang.IllegalStateException", first.get("type"));
        assertEquals("payments throttled", first.get("message"));
        assertEquals(second.get("id"), first.get("cause"));
        assertEquals("java.io.IOException", second.get("type"));
        assertEquals("HTTP 429", second.get("message"));
        assertFalse(second.containsKey("cause"));
        List<Object> stack = list(first.get("stack"));
        assertEquals(3, stack.size());
        Map<String, Object> frame0 = object(stack.get(0));
        assertEquals("Orders.java", frame0.get("path"));
        assertEquals(42L, frame0.get("line"));
        assertEquals("com.example.Orders.create", frame0.get("label"));
        Map<String, Object> frame1 = object(stack.get(1));
        assertFalse(frame1.containsKey("path"), "no \"path\": null for a frame without a file");
        assertFalse(frame1.containsKey("line"));
        assertEquals("com.example.Orders$$Lambda$12/0x1234.apply", frame1.get("label"));
        assertFalse(object(stack.get(2)).containsKey("path"));
        assertFalse(first.containsKey("truncated"));
        assertFalse(json.contains("null"), json);

        List<Object> subsegments = list(doc.get("subsegments"));
        assertEquals(2, subsegments.size());
        Map<String, Object> sub404 = object(subsegments.get(0));
        assertEquals("inventory.example.com", sub404.get("name"));
        assertEquals(notFound.id(), sub404.get("id"));
        assertEquals("remote", sub404.get("namespace"));
        assertFalse(sub404.containsKey("trace_id"));
        assertFalse(sub404.containsKey("parent_id"));
        assertFalse(sub404.containsKey("type"));
        assertEquals(1716581281.124456, (Double) sub404.get("start_time"), 1e-7);
        assertEquals(1716581281.125456, (Double) sub404.get("end_time"), 1e-7);
        Map<String, Object> sub404Request = object(object(sub404.get("http")).get("request"));
        assertEquals("GET", sub404Request.get("method"));
        assertEquals("https://inventory.example.com/items/7", sub404Request.get("url"));
        assertEquals(Boolean.TRUE, sub404Request.get("traced"));
        assertFalse(sub404Request.containsKey("client_ip"));
        assertFalse(sub404Request.containsKey("x_forwarded_for"));
        Map<String, Object> sub404Response = object(object(sub404.get("http")).get("response"));
        assertEquals(404L, sub404Response.get("status"));
        assertEquals(10L, sub404Response.get("content_length"));
        assertEquals(Boolean.TRUE, sub404.get("error"));
        assertFalse(sub404.containsKey("throttle"));
        assertFalse(sub404.containsKey("fault"));
        assertFalse(sub404.containsKey("aws"), "aws.xray is for segments");

        Map<String, Object> sub429 = object(subsegments.get(1));
        assertEquals("payments.example.com", sub429.get("name"));
        assertEquals(Boolean.TRUE, sub429.get("error"));
        assertEquals(Boolean.TRUE, sub429.get("throttle"));
        assertFalse(sub429.containsKey("fault"));
        Map<String, Object> sub429Response = object(object(sub429.get("http")).get("response"));
        assertEquals(429L, sub429Response.get("status"));
        assertFalse(sub429Response.containsKey("content_length"), "unknown length is left out");
    }

    @Test
    void aSegmentStartedHereHasNoParentIdAndNoRuleName() throws IOException {
        Segment segment = new Segment(Ids.newTraceId(START / 1_000_000L), Ids.newEntityId(), "svc", START, null, null,
                null);
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> doc = object(Json.parse(json));

        assertFalse(doc.containsKey("parent_id"));
        assertFalse(doc.containsKey("origin"));
        assertFalse(doc.containsKey("http"));
        assertFalse(doc.containsKey("cause"));
        assertFalse(doc.containsKey("subsegments"));
        Map<String, Object> xray = object(object(doc.get("aws")).get("xray"));
        assertFalse(xray.containsKey("rule_name"));
        assertEquals(Boolean.TRUE, xray.get("auto_instrumentation"));
    }

    @Test
    void anInProgressChildIsMarkedSoWithoutEndTime() throws IOException {
        Segment segment = new Segment(TRACE, Ids.newEntityId(), "svc", START, null, null, null);
        Subsegment open = Tree.begin(segment, "slow.example.com", "remote", START + 10);
        Subsegment done = Tree.begin(segment, "fast.example.com", "remote", START + 20);
        Tree.endSubsegment(done, START + 30, 100);
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> doc = object(Json.parse(json));

        List<Object> subsegments = list(doc.get("subsegments"));
        Map<String, Object> inProgress = object(subsegments.get(0));
        assertEquals(open.id(), inProgress.get("id"));
        assertEquals(Boolean.TRUE, inProgress.get("in_progress"));
        assertFalse(inProgress.containsKey("end_time"));
        Map<String, Object> ended = object(subsegments.get(1));
        assertFalse(ended.containsKey("in_progress"));
        assertTrue(ended.containsKey("end_time"));
    }

    @Test
    void anInProgressSegmentHasNoEndTime() throws IOException {
        Segment segment = new Segment(TRACE, Ids.newEntityId(), "svc", START, null, null, null);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> doc = object(Json.parse(json));

        assertEquals(Boolean.TRUE, doc.get("in_progress"));
        assertFalse(doc.containsKey("end_time"));
    }

    @Test
    void independentFormCarriesTypeTraceIdAndParentIdEmbeddedFormNone() throws IOException {
        Segment segment = new Segment(TRACE, "6b55dcc497934f1a", "svc", START, CALLER, null, null);
        Subsegment outer = Tree.begin(segment, "outer", null, START + 1);
        Subsegment inner = Tree.begin(outer, "db@host", "remote", START + 2);
        Tree.endSubsegment(inner, START + 3, 100);
        Tree.endSubsegment(outer, START + 4, 100);

        String independent = text(writer.write(inner, SegmentWriter.Form.INDEPENDENT));
        SchemaValidator.assertValid(independent);
        Map<String, Object> doc = object(Json.parse(independent));
        assertEquals("subsegment", doc.get("type"));
        assertEquals(TRACE, doc.get("trace_id"));
        assertEquals(outer.id(), doc.get("parent_id"), "parent_id is the direct parent, not the segment");
        assertEquals(inner.id(), doc.get("id"));
        assertEquals("db@host", doc.get("name"));
        assertFalse(doc.containsKey("aws"));
        assertFalse(doc.containsKey("service"));

        String outerIndependent = text(writer.write(outer, SegmentWriter.Form.INDEPENDENT));
        SchemaValidator.assertValid(outerIndependent);
        Map<String, Object> outerDoc = object(Json.parse(outerIndependent));
        assertEquals("6b55dcc497934f1a", outerDoc.get("parent_id"));
        Map<String, Object> nested = object(list(outerDoc.get("subsegments")).get(0));
        assertEquals(inner.id(), nested.get("id"));
        assertFalse(nested.containsKey("type"));
        assertFalse(nested.containsKey("trace_id"));
        assertFalse(nested.containsKey("parent_id"));

        String embedded = text(writer.write(inner, SegmentWriter.Form.EMBEDDED));
        Map<String, Object> embeddedDoc = object(Json.parse(embedded));
        assertFalse(embeddedDoc.containsKey("type"));
        assertFalse(embeddedDoc.containsKey("trace_id"));
        assertFalse(embeddedDoc.containsKey("parent_id"));
        assertEquals("remote", embeddedDoc.get("namespace"));
    }

    @Test
    void longStringsAreCappedAndEscaped() throws IOException {
        StringBuilder url = new StringBuilder("https://example.com/");
        while (url.length() < 400) {
            url.append("p\"\\");
        }
        Segment segment = new Segment(TRACE, Ids.newEntityId(), "svc", START, null, null, null);
        segment.setRequest(HttpRequestData.incoming("GET", url.toString(), "agent \"quoted\"\n", "10.0.0.1", false));
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> request = object(object(object(Json.parse(json)).get("http")).get("request"));

        assertEquals(SegmentWriter.MAX_FIELD, ((String) request.get("url")).length());
        assertEquals(url.substring(0, SegmentWriter.MAX_FIELD), request.get("url"));
        assertEquals("agent \"quoted\"\n", request.get("user_agent"));
        assertFalse(request.containsKey("x_forwarded_for"));
    }

    @Test
    void aReferencedCauseIsWrittenAsTheExceptionId() throws IOException {
        Segment segment = new Segment(TRACE, Ids.newEntityId(), "svc", START, null, null, null);
        Subsegment call = Tree.begin(segment, "payments.example.com", "remote", START + 1);
        RuntimeException failure = new RuntimeException("refused");
        segment.recordException(call, failure, 50);
        Tree.endSubsegment(call, START + 2, 100);
        segment.recordException(segment, failure, 50);
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> doc = object(Json.parse(json));

        Map<String, Object> child = object(list(doc.get("subsegments")).get(0));
        String exceptionId = (String) object(list(object(child.get("cause")).get("exceptions")).get(0)).get("id");
        assertEquals(exceptionId, doc.get("cause"));
        assertEquals(Boolean.TRUE, doc.get("fault"));
        assertEquals(Boolean.TRUE, child.get("fault"));
    }

    @Test
    void truncatedFramesAreCounted() throws IOException {
        Segment segment = new Segment(TRACE, Ids.newEntityId(), "svc", START, null, null, null);
        RuntimeException deep = new RuntimeException("deep");
        StackTraceElement[] frames = new StackTraceElement[80];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.C" + i, "m", "C" + i + ".java", i + 1);
        }
        deep.setStackTrace(frames);
        segment.recordException(segment, deep, 50);
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        Map<String, Object> exception = object(list(object(object(Json.parse(json)).get("cause")).get("exceptions"))
                .get(0));

        assertEquals(50, list(exception.get("stack")).size());
        assertEquals(30L, exception.get("truncated"));
    }

    @Test
    void aSqlSubsegmentCarriesTheSqlBlockAndOnlyTheFieldsThatAreKnown() throws IOException {
        Segment segment = new Segment(TRACE, Ids.newEntityId(), "svc", START, null, null, null);
        SqlData postgres = new SqlData("jdbc:postgresql://db.internal:5432/orders", "app", "PostgreSQL",
                "15.8 (Debian 15.8-0+deb12u1)", "42.7.14");
        Subsegment prepared = Tree.begin(segment, "orders@db.internal", "remote", START + 10);
        prepared.setSql(postgres, "statement", "SELECT * FROM orders WHERE id = ?");
        Tree.endSubsegment(prepared, START + 20, 100);
        Subsegment plain = Tree.begin(segment, "orders@db.internal", "remote", START + 30);
        plain.setSql(new SqlData(null, null, "PostgreSQL", null, null), null, null);
        Tree.endSubsegment(plain, START + 40, 100);
        Tree.endSegment(segment, END);

        String json = text(writer.write(segment, SegmentWriter.Form.SEGMENT));
        SchemaValidator.assertValid(json);
        List<Object> children = list(object(Json.parse(json)).get("subsegments"));
        Map<String, Object> first = object(children.get(0));
        assertEquals("orders@db.internal", first.get("name"));
        assertEquals("remote", first.get("namespace"));
        Map<String, Object> sql = object(first.get("sql"));
        assertEquals("jdbc:postgresql://db.internal:5432/orders", sql.get("url"));
        assertEquals("app", sql.get("user"));
        assertEquals("PostgreSQL", sql.get("database_type"));
        assertEquals("15.8 (Debian 15.8-0+deb12u1)", sql.get("database_version"));
        assertEquals("42.7.14", sql.get("driver_version"));
        assertEquals("statement", sql.get("preparation"));
        assertEquals("SELECT * FROM orders WHERE id = ?", sql.get("sanitized_query"));
        assertEquals(7, sql.size(), sql.toString());
        Map<String, Object> sparse = object(object(children.get(1)).get("sql"));
        assertEquals(1, sparse.size(), sparse.toString());
        assertEquals("PostgreSQL", sparse.get("database_type"));
        assertNull(first.get("http"), "a SQL subsegment has no http block");
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a JSON object but got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a JSON array but got " + value);
        }
        return (List<Object>) value;
    }
}
