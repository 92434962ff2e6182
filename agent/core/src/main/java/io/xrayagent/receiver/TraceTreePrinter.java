package io.xrayagent.receiver;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders one trace as an indented tree, one line per segment or subsegment:
 *
 * <pre>
 * trace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (3 documents)
 *   orders-api  GET http://localhost:8080/api/orders  200  277.0 ms
 *     payments.example.com [remote]  POST http://payments.example.com/charge  503 FAULT  130.0 ms  traced
 *       payments  POST http://payments.example.com/charge  503 FAULT  129.1 ms
 *         ! java.io.IOException: boom
 * </pre>
 *
 * Plain ASCII decoration and no colours, so the output survives any terminal, log file or CI page.
 */
public final class TraceTreePrinter {
    private static final String INDENT = "  ";
    private static final String GAP = "  ";
    private static final int MAX_QUERY_CHARS = 80;

    private TraceTreePrinter() {
    }

    public static String render(List<ReceivedDocument> documentsOfOneTrace) {
        StringBuilder out = new StringBuilder(256);
        int count = documentsOfOneTrace.size();
        out.append("trace ").append(traceId(documentsOfOneTrace)).append(GAP)
                .append('(').append(count).append(count == 1 ? " document)" : " documents)").append('\n');
        for (TraceNode root : TraceAssembler.assemble(documentsOfOneTrace)) {
            renderNode(root, 1, out);
        }
        return out.toString();
    }

    private static String traceId(List<ReceivedDocument> documents) {
        for (ReceivedDocument document : documents) {
            if (document.traceId() != null) {
                return clean(document.traceId());
            }
        }
        return "(no trace_id)";
    }

    private static void renderNode(TraceNode node, int depth, StringBuilder out) {
        indent(depth, out);
        out.append(node.name() == null ? "(no name)" : clean(node.name()));
        if (node.namespace() != null) {
            out.append(" [").append(clean(node.namespace())).append(']');
        }
        appendOperation(node.fields(), out);
        appendOutcome(node, out);
        out.append(GAP).append(duration(node));
        Map<String, Object> request = object(object(node.fields(), "http"), "request");
        if (Boolean.TRUE.equals(request.get("traced"))) {
            out.append(GAP).append("traced");
        }
        if (node.missingParentId() != null) {
            out.append(GAP).append("(parent ").append(clean(node.missingParentId())).append(" not received)");
        }
        out.append('\n');
        String exception = firstException(node.fields());
        if (exception != null) {
            indent(depth + 1, out);
            out.append("! ").append(exception).append('\n');
        }
        for (TraceNode child : node.children()) {
            renderNode(child, depth + 1, out);
        }
    }

    /** What the node did: the HTTP request, the AWS operation or the SQL statement, whichever is there. */
    private static void appendOperation(Map<String, Object> fields, StringBuilder out) {
        Map<String, Object> request = object(object(fields, "http"), "request");
        String method = string(request, "method");
        String url = string(request, "url");
        if (method != null || url != null) {
            out.append(GAP);
            if (method != null) {
                out.append(clean(method));
            }
            if (url != null) {
                out.append(method != null ? " " : "").append(clean(url));
            }
        }
        String operation = string(object(fields, "aws"), "operation");
        if (operation != null) {
            out.append(GAP).append(clean(operation));
        }
        String query = string(object(fields, "sql"), "sanitized_query");
        if (query != null) {
            out.append(GAP).append(shorten(clean(query)));
        }
    }

    private static void appendOutcome(TraceNode node, StringBuilder out) {
        StringBuilder outcome = new StringBuilder();
        Object status = object(object(node.fields(), "http"), "response").get("status");
        if (status instanceof Number || status instanceof String) {
            outcome.append(clean(String.valueOf(status)));
        }
        appendFlag(node.fields(), "error", "ERROR", outcome);
        appendFlag(node.fields(), "throttle", "THROTTLE", outcome);
        appendFlag(node.fields(), "fault", "FAULT", outcome);
        if (outcome.length() > 0) {
            out.append(GAP).append(outcome);
        }
    }

    private static void appendFlag(Map<String, Object> fields, String field, String label, StringBuilder out) {
        if (Boolean.TRUE.equals(fields.get(field))) {
            out.append(out.length() > 0 ? " " : "").append(label);
        }
    }

    private static String duration(TraceNode node) {
        if (node.isInProgress()) {
            return "in progress";
        }
        Double start = node.startTime();
        Double end = node.endTime();
        if (start == null) {
            return "no start_time";
        }
        if (end == null) {
            return "no end_time";
        }
        return String.format(Locale.ROOT, "%.1f ms", (end - start) * 1000.0);
    }

    /** The first exception of an inline cause; a cause that only refers to an exception id elsewhere has none. */
    private static String firstException(Map<String, Object> fields) {
        Object exceptions = object(fields, "cause").get("exceptions");
        if (!(exceptions instanceof List) || ((List<?>) exceptions).isEmpty()) {
            return null;
        }
        Object first = ((List<?>) exceptions).get(0);
        if (!(first instanceof Map)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> exception = (Map<String, Object>) first;
        String type = string(exception, "type");
        String message = string(exception, "message");
        if (type == null && message == null) {
            return "(exception without type or message)";
        }
        if (type == null) {
            return clean(message);
        }
        return message == null ? clean(type) : clean(type) + ": " + clean(message);
    }

    private static void indent(int depth, StringBuilder out) {
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        return value instanceof Map ? (Map<String, Object>) value : Collections.<String, Object>emptyMap();
    }

    private static String string(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        return value instanceof String ? (String) value : null;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_QUERY_CHARS ? text : text.substring(0, MAX_QUERY_CHARS - 3) + "...";
    }

    /** Keeps every value on its line: a newline inside a name or message would break the tree apart. */
    private static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : "?");
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
