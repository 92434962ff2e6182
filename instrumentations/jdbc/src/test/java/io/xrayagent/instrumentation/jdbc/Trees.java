package io.xrayagent.instrumentation.jdbc;

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

    @SuppressWarnings("unchecked")
    static Map<String, Object> sql(Map<String, Object> subsegment) {
        Object sql = subsegment.get("sql");
        if (!(sql instanceof Map)) {
            throw new AssertionError("no sql block in " + subsegment);
        }
        return (Map<String, Object>) sql;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstException(Map<String, Object> subsegment) {
        Map<String, Object> cause = (Map<String, Object>) subsegment.get("cause");
        if (cause == null) {
            throw new AssertionError("no cause in " + subsegment);
        }
        return ((List<Map<String, Object>>) cause.get("exceptions")).get(0);
    }

    static List<Object> queries(Map<String, Object> segment) {
        List<Object> queries = new ArrayList<>();
        for (Map<String, Object> child : children(segment)) {
            queries.add(sql(child).get("sanitized_query"));
        }
        return queries;
    }
}
