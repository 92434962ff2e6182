package io.xrayagent.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaValidatorTest {
    private static final String TRACE_ID = "1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70";

    /** Protocol reference, section 13: a whole segment with an embedded AWS subsegment. */
    private static final String SEGMENT_EXAMPLE = "{\"name\":\"orders-api\",\"id\":\"6b55dcc497934f1a\","
            + "\"trace_id\":\"1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70\",\"start_time\":1716581281.123456,"
            + "\"end_time\":1716581281.400012,\"origin\":\"AWS::ECS::Container\",\"parent_id\":\"53995c3f42cd8ad8\","
            + "\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"https://orders.example.com/api/orders\","
            + "\"client_ip\":\"10.0.1.7\",\"user_agent\":\"curl/8.5\",\"x_forwarded_for\":true},"
            + "\"response\":{\"status\":201,\"content_length\":52}},"
            + "\"aws\":{\"ecs\":{\"container\":\"ip-10-0-1-9\",\"container_id\":\"3c1d\u2026(64 hex)\","
            + "\"container_arn\":\"arn:aws:ecs:\u2026\"},\"xray\":{\"sdk\":\"MyAgent for Java\","
            + "\"sdk_version\":\"0.1.0\",\"auto_instrumentation\":true}},"
            + "\"annotations\":{\"tenant\":\"acme\",\"retry\":false},\"metadata\":{\"default\":{\"build\":\"abc123\"}},"
            + "\"subsegments\":[{\"name\":\"DynamoDB\",\"id\":\"0f910026178b71eb\",\"start_time\":1716581281.2,"
            + "\"end_time\":1716581281.25,\"namespace\":\"aws\",\"aws\":{\"operation\":\"PutItem\","
            + "\"region\":\"us-east-1\",\"request_id\":\"UBQN\u2026\",\"retries\":0,\"table_name\":\"orders\"},"
            + "\"http\":{\"response\":{\"status\":200,\"content_length\":2}}}]}";

    /** Protocol reference, section 13: an independently streamed remote subsegment. */
    private static final String SUBSEGMENT_EXAMPLE = "{\"type\":\"subsegment\","
            + "\"trace_id\":\"1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70\",\"parent_id\":\"6b55dcc497934f1a\","
            + "\"id\":\"004f72be19cddc2a\",\"name\":\"payments.example.com\",\"namespace\":\"remote\","
            + "\"start_time\":1716581281.26,\"end_time\":1716581281.39,"
            + "\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"https://payments.example.com/charge\","
            + "\"traced\":true},\"response\":{\"status\":503}},\"fault\":true}";

    @Test
    void acceptsBothProtocolExamples() {
        SchemaValidator.assertValid(SEGMENT_EXAMPLE);
        SchemaValidator.assertValid(SUBSEGMENT_EXAMPLE);
    }

    @Test
    void acceptsNamesTheServiceAccepts() {
        for (String name : new String[] {"orders-api", "localhost", "payments.example.com", "orders@db",
            "Z\u00fcrich API 2", "a_b.c:d/e%f&g#h=i+j-k@l", "\u6ce8\u6587"}) {
            List<String> errors = SchemaValidator.errors(segment(name, "6b55dcc497934f1a", ",\"start_time\":1.5"));
            assertTrue(errors.isEmpty(), name + ": " + errors);
        }
    }

    @Test
    void rejectsNamesWithCharactersOutsideThePatternOrNoCharactersAtAll() {
        for (String name : new String[] {"orders!", "a;b", "", "x<y>"}) {
            List<String> errors = SchemaValidator.errors(segment(name, "6b55dcc497934f1a", ",\"start_time\":1.5"));
            assertEquals(1, errors.size(), name + ": " + errors);
            assertTrue(errors.get(0).startsWith("/name: \"" + name + "\" does not match the schema's pattern at "),
                    errors.get(0));
        }
    }

    @Test
    void rejectsAFifteenCharacterId() {
        List<String> errors = SchemaValidator.errors(segment("orders-api", "6b55dcc497934f1", ",\"start_time\":1.5"));

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("/id: "), errors.get(0));
    }

    @Test
    void rejectsAMissingStartTimeAndSaysSoWithTheDocument() {
        String document = segment("orders-api", "6b55dcc497934f1a", "");

        AssertionError e = assertThrows(AssertionError.class, () -> SchemaValidator.assertValid(document));

        assertTrue(e.getMessage().startsWith("segment document violates the X-Ray schema:\n  $: "), e.getMessage());
        assertTrue(e.getMessage().contains("start_time"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\ndocument: " + document), e.getMessage());
    }

    @Test
    void rejectsWhatTheSchemaForbidsInsideNestedParts() {
        String document = "{\"name\":\"x\",\"id\":\"6b55dcc497934f1a\",\"trace_id\":\"" + TRACE_ID + "\","
                + "\"start_time\":1,\"end_time\":2,\"annotations\":{\"has-dash\":1},"
                + "\"cause\":{\"exceptions\":[{\"message\":\"no id\"}]},"
                + "\"subsegments\":[{\"name\":\"child\",\"id\":\"0f910026178b71eb\"}]}";

        String errors = SchemaValidator.errors(document).toString();

        assertTrue(errors.contains("/annotations"), errors);
        assertTrue(errors.contains("/cause/exceptions/0: required property 'id'"), errors);
        assertTrue(errors.contains("/subsegments/0: required property 'start_time'"), errors);
    }

    @Test
    void reportsTextThatIsNotJsonAsAnError() {
        List<String> errors = SchemaValidator.errors("{\"name\":");

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("not valid JSON: "), errors.get(0));
    }

    private static String segment(String name, String id, String startTime) {
        return "{\"name\":\"" + name + "\",\"id\":\"" + id + "\",\"trace_id\":\"" + TRACE_ID + "\"" + startTime
                + ",\"end_time\":2.5}";
    }
}
