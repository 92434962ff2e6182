package io.xrayagent.receiver;

/** The two datagrams of the protocol reference, section 13, byte for byte. */
final class ProtocolExamples {
    static final String HEADER = "{\"format\":\"json\",\"version\":1}";

    static final String SEGMENT = "{\"name\":\"orders-api\",\"id\":\"6b55dcc497934f1a\","
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

    static final String SUBSEGMENT = "{\"type\":\"subsegment\",\"trace_id\":\"1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70\","
            + "\"parent_id\":\"6b55dcc497934f1a\",\"id\":\"004f72be19cddc2a\",\"name\":\"payments.example.com\","
            + "\"namespace\":\"remote\",\"start_time\":1716581281.26,\"end_time\":1716581281.39,"
            + "\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"https://payments.example.com/charge\","
            + "\"traced\":true},\"response\":{\"status\":503}},\"fault\":true}";

    private ProtocolExamples() {
    }

    static String datagram(String document) {
        return HEADER + "\n" + document;
    }
}
