package io.xrayagent.instrumentation.apachehttpclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading a segment document the way a user reads it in the X-Ray console. */
final class Trees {
    private Trees() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> children(Map<String, Object> entity) {
        Object children = entity.get("subsegments");
        List<Map<String, Object>> out = new ArrayList<>();
        if (children instanceof List) {
            for (Object child : (List<Object>) children) {
                out.add((Map<String, Object>) child);
            }
        }
        return out;
    }

    /** The one subsegment of a segment; fails when there are none or several. */
    static Map<String, Object> onlyChild(Map<String, Object> segment) {
        List<Map<String, Object>> children = children(segment);
        if (children.size() != 1) {
            throw new AssertionError("expected one subsegment, got " + children.size() + ": " + segment);
        }
        return children.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> http(Map<String, Object> entity, String part) {
        Map<String, Object> http = (Map<String, Object>) entity.get("http");
        return http == null ? null : (Map<String, Object>) http.get(part);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstException(Map<String, Object> subsegment) {
        Map<String, Object> cause = (Map<String, Object>) subsegment.get("cause");
        if (cause == null) {
            throw new AssertionError("no cause in " + subsegment);
        }
        return ((List<Map<String, Object>>) cause.get("exceptions")).get(0);
    }

    static boolean flag(Map<String, Object> entity, String name) {
        return Boolean.TRUE.equals(entity.get(name));
    }
}
