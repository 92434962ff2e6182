package io.xrayagent.receiver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceTreePrinterTest {

    @Test
    void rendersATwoServiceTraceReceivedOverUdpAsOneTree() throws IOException, InterruptedException {
        try (LocalReceiver receiver = LocalReceiver.start(Udp.loopback(0))) {
            Udp.send(receiver.address(), TwoServiceTrace.datagramsInSendingOrder());
            List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() == 3, Duration.ofSeconds(5));

            assertEquals(TwoServiceTrace.RENDERED, TraceTreePrinter.render(documents));
        }
    }

    @Test
    void rendersTheProtocolExamplesWithTheAwsOperationAndTheParentThatNeverArrived() {
        String rendered = TraceTreePrinter.render(
                Documents.list(ProtocolExamples.SUBSEGMENT, ProtocolExamples.SEGMENT));

        assertEquals(""
                + "trace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (2 documents)\n"
                + "  orders-api  POST https://orders.example.com/api/orders  201  276.6 ms"
                + "  (parent 53995c3f42cd8ad8 not received)\n"
                + "    DynamoDB [aws]  PutItem  200  50.0 ms\n"
                + "    payments.example.com [remote]  POST https://payments.example.com/charge  503 FAULT  130.0 ms"
                + "  traced\n", rendered);
    }

    @Test
    void showsInProgressFlagsSqlAndMissingFieldsPlainly() {
        String rendered = TraceTreePrinter.render(Documents.list(
                "{\"name\":\"worker\",\"id\":\"d000000000000001\",\"trace_id\":\"1-6650f3a1-000000000000000000000001\","
                        + "\"start_time\":10.0,\"in_progress\":true,\"error\":true,\"throttle\":true,"
                        + "\"http\":{\"response\":{\"status\":429}},"
                        + "\"subsegments\":[{\"name\":\"orders@db\",\"id\":\"d000000000000002\","
                        + "\"namespace\":\"remote\",\"start_time\":10.5,\"end_time\":10.5125,"
                        + "\"sql\":{\"sanitized_query\":\"SELECT * FROM orders WHERE id = ?\"}},"
                        + "{\"name\":\"line\\nbreak\",\"id\":\"d000000000000003\",\"start_time\":11.0},"
                        + "{\"id\":\"d000000000000004\",\"end_time\":12.0,\"cause\":\"e000000000000001\"}]}"));

        assertEquals(""
                + "trace 1-6650f3a1-000000000000000000000001  (1 document)\n"
                + "  worker  429 ERROR THROTTLE  in progress\n"
                + "    orders@db [remote]  SELECT * FROM orders WHERE id = ?  12.5 ms\n"
                + "    line\\nbreak  no end_time\n"
                + "    (no name)  no start_time\n", rendered);
    }
}
