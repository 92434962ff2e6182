package io.xrayagent.receiver;

import java.util.Collections;
import java.util.Map;

/** One segment or independent subsegment document as it arrived in a datagram, with its parsed body. */
public final class ReceivedDocument {
    private final String header;
    private final String body;
    private final Map<String, Object> json;
    private final int datagramBytes;

    ReceivedDocument(String header, String body, Map<String, Object> json, int datagramBytes) {
        this.header = header;
        this.body = body;
        this.json = Collections.unmodifiableMap(json);
        this.datagramBytes = datagramBytes;
    }

    /** The header line exactly as sent, without its newline. */
    public String header() {
        return header;
    }

    /** The document exactly as sent: what the daemon would forward to PutTraceSegments. */
    public String body() {
        return body;
    }

    public Map<String, Object> json() {
        return json;
    }

    public String traceId() {
        return string("trace_id");
    }

    public String id() {
        return string("id");
    }

    public String parentId() {
        return string("parent_id");
    }

    public String name() {
        return string("name");
    }

    public boolean isIndependentSubsegment() {
        return "subsegment".equals(json.get("type"));
    }

    public boolean isInProgress() {
        return Boolean.TRUE.equals(json.get("in_progress"));
    }

    public int datagramBytes() {
        return datagramBytes;
    }

    private String string(String field) {
        Object value = json.get(field);
        return value instanceof String ? (String) value : null;
    }

    /** A one-line summary for timeout messages and logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(120);
        text.append(isIndependentSubsegment() ? "subsegment " : "segment ").append(name());
        text.append(" id=").append(id());
        if (parentId() != null) {
            text.append(" parent=").append(parentId());
        }
        text.append(" trace=").append(traceId());
        if (isInProgress()) {
            text.append(" in_progress");
        }
        return text.toString();
    }
}
