package io.xrayagent.smoke.support;

import io.xrayagent.receiver.ReceivedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading received segment documents the way a user reads them in the X-Ray console. */
public final class Docs {
    private Docs() {
    }

    /** A value at a dotted path ({@code http.response.status}), or null. */
    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> json, String path) {
        Object current = json;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    public static long number(Map<String, Object> json, String path) {
        Object value = at(json, path);
        if (!(value instanceof Number)) {
            throw new AssertionError("no number at " + path + " in " + json);
        }
        return ((Number) value).longValue();
    }

    /** Embedded subsegments, depth first. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> subsegments(Map<String, Object> json) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object children = json.get("subsegments");
        if (children instanceof List) {
            for (Object child : (List<Object>) children) {
                all.add((Map<String, Object>) child);
                all.addAll(subsegments((Map<String, Object>) child));
            }
        }
        return all;
    }

    /** Segment documents (not independent subsegments) with this name. */
    public static List<ReceivedDocument> segments(List<ReceivedDocument> documents, String name) {
        List<ReceivedDocument> found = new ArrayList<>();
        for (ReceivedDocument document : documents) {
            if (!document.isIndependentSubsegment() && name.equals(document.name())) {
                found.add(document);
            }
        }
        return found;
    }

    public static Predicate<List<ReceivedDocument>> segmentCount(String name, int count) {
        return documents -> segments(documents, name).size() >= count;
    }

    public static ReceivedDocument only(List<ReceivedDocument> documents, String name) {
        List<ReceivedDocument> found = segments(documents, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one segment named " + name + ", got " + found.size() + ": " + documents);
        }
        return found.get(0);
    }

    /** The segment of {@code name} whose request URL ends with {@code path}. */
    public static ReceivedDocument byPath(List<ReceivedDocument> documents, String name, String path) {
        ReceivedDocument match = null;
        for (ReceivedDocument document : segments(documents, name)) {
            Object url = at(document.json(), "http.request.url");
            if (url instanceof String && ((String) url).endsWith(path)) {
                if (match != null) {
                    throw new AssertionError("two segments of " + name + " for " + path + ": " + documents);
                }
                match = document;
            }
        }
        if (match == null) {
            throw new AssertionError("no segment of " + name + " for " + path + " in " + documents);
        }
        return match;
    }
}
