package io.xrayagent.receiver;

/**
 * orders-api (segment A) calls payments over HTTP through its remote subsegment S; payments (segment B)
 * names S as its parent; A also streamed one subsegment on its own. Sent in the order the SDKs send them:
 * children and callee first, the caller's segment last.
 */
final class TwoServiceTrace {
    static final String TRACE_ID = "1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70";

    static final String SEGMENT_B = "{\"name\":\"payments\",\"id\":\"b000000000000001\",\"trace_id\":\"" + TRACE_ID
            + "\",\"parent_id\":\"5000000000000001\",\"start_time\":1716581281.1005,\"end_time\":1716581281.2296,"
            + "\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"http://payments.example.com/charge\"},"
            + "\"response\":{\"status\":503}},\"fault\":true,\"cause\":{\"working_directory\":\"/app\","
            + "\"exceptions\":[{\"id\":\"e000000000000001\",\"type\":\"java.io.IOException\",\"message\":\"boom\"},"
            + "{\"id\":\"e000000000000002\",\"type\":\"java.net.SocketException\",\"message\":\"reset\"}]}}";

    static final String INDEPENDENT_OF_A = "{\"type\":\"subsegment\",\"trace_id\":\"" + TRACE_ID
            + "\",\"parent_id\":\"a000000000000001\",\"id\":\"c000000000000001\",\"name\":\"render\","
            + "\"start_time\":1716581281.24,\"end_time\":1716581281.27}";

    static final String SEGMENT_A = "{\"name\":\"orders-api\",\"id\":\"a000000000000001\",\"trace_id\":\"" + TRACE_ID
            + "\",\"start_time\":1716581281.0,\"end_time\":1716581281.277,"
            + "\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://localhost:8080/api/orders\"},"
            + "\"response\":{\"status\":200}},"
            + "\"subsegments\":[{\"name\":\"payments.example.com\",\"id\":\"5000000000000001\","
            + "\"namespace\":\"remote\",\"start_time\":1716581281.1,\"end_time\":1716581281.23,"
            + "\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"http://payments.example.com/charge\","
            + "\"traced\":true},"
            + "\"response\":{\"status\":503}},\"fault\":true}]}";

    static final String RENDERED = ""
            + "trace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (3 documents)\n"
            + "  orders-api  GET http://localhost:8080/api/orders  200  277.0 ms\n"
            + "    payments.example.com [remote]  POST http://payments.example.com/charge  503 FAULT  130.0 ms"
            + "  traced\n"
            + "      payments  POST http://payments.example.com/charge  503 FAULT  129.1 ms\n"
            + "        ! java.io.IOException: boom\n"
            + "    render  30.0 ms\n";

    private TwoServiceTrace() {
    }

    static String[] datagramsInSendingOrder() {
        return new String[] {
            ProtocolExamples.datagram(SEGMENT_B),
            ProtocolExamples.datagram(INDEPENDENT_OF_A),
            ProtocolExamples.datagram(SEGMENT_A)
        };
    }
}
