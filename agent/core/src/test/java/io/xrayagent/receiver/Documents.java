package io.xrayagent.receiver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes datagrams without a socket, for tests of what happens after receipt. */
final class Documents {
    private Documents() {
    }

    static ReceivedDocument of(String document) {
        byte[] datagram = ProtocolExamples.datagram(document).getBytes(StandardCharsets.UTF_8);
        return DatagramDecoder.decode(datagram, 0, datagram.length);
    }

    static List<ReceivedDocument> list(String... documents) {
        List<ReceivedDocument> list = new ArrayList<ReceivedDocument>();
        for (String document : documents) {
            list.add(of(document));
        }
        return list;
    }
}
