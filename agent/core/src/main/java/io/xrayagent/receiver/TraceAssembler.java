package io.xrayagent.receiver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the documents of one trace into trees, as the X-Ray service does from {@code parent_id} links.
 *
 * <ul>
 *   <li>A later document with an id already seen replaces the earlier one, except that an in-progress
 *       document never replaces a complete one: UDP may reorder them.</li>
 *   <li>An independent subsegment hangs under the node its parent_id names, embedded or not.</li>
 *   <li>A segment whose parent_id names a node of this trace (the caller's remote subsegment) hangs under
 *       it, so a call between two traced services reads as one tree.</li>
 *   <li>A document whose parent never arrived, or whose links form a cycle, becomes a root.</li>
 * </ul>
 *
 * Children are ordered by start time, which also orders embedded and streamed siblings consistently.
 */
public final class TraceAssembler {
    private static final Comparator<TraceNode> BY_START_TIME = new Comparator<TraceNode>() {
        @Override
        public int compare(TraceNode a, TraceNode b) {
            Double x = a.startTime();
            Double y = b.startTime();
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            return Double.compare(x, y);
        }
    };

    private TraceAssembler() {
    }

    /** Returns the roots of the trace, ordered by start time. */
    public static List<TraceNode> assemble(List<ReceivedDocument> documentsOfOneTrace) {
        List<ReceivedDocument> documents = latestVersions(documentsOfOneTrace);
        Map<String, TraceNode> byId = new HashMap<String, TraceNode>();
        Map<String, TraceNode> documentNodes = new LinkedHashMap<String, TraceNode>();
        List<TraceNode> roots = new ArrayList<TraceNode>();
        List<TraceNode> linkable = new ArrayList<TraceNode>();
        for (ReceivedDocument document : documents) {
            TraceNode node = new TraceNode(document.json(), !document.isIndependentSubsegment(), true);
            if (node.id() == null) {
                roots.add(node);
            } else {
                documentNodes.put(node.id(), node);
                byId.put(node.id(), node);
                linkable.add(node);
            }
        }
        for (TraceNode node : documentNodes.values()) {
            addEmbedded(node, documentNodes.keySet(), byId);
        }
        for (TraceNode node : roots) {
            addEmbedded(node, documentNodes.keySet(), byId);
        }
        for (TraceNode node : linkable) {
            link(node, byId, roots);
        }
        sort(roots);
        return roots;
    }

    private static List<ReceivedDocument> latestVersions(List<ReceivedDocument> documents) {
        Map<String, ReceivedDocument> byId = new LinkedHashMap<String, ReceivedDocument>();
        List<ReceivedDocument> result = new ArrayList<ReceivedDocument>();
        for (ReceivedDocument document : documents) {
            String id = document.id();
            if (id == null) {
                result.add(document);
                continue;
            }
            ReceivedDocument earlier = byId.get(id);
            if (earlier == null || earlier.isInProgress() || !document.isInProgress()) {
                byId.put(id, document);
            }
        }
        result.addAll(byId.values());
        return result;
    }

    /**
     * Builds the embedded subsegments beneath {@code node}. An embedded copy of a subsegment that also arrived
     * as its own document is left out, so the standalone (usually later, complete) version is the one shown.
     */
    private static void addEmbedded(TraceNode node, Set<String> documentIds, Map<String, TraceNode> byId) {
        Object embedded = node.fields().get("subsegments");
        if (!(embedded instanceof List)) {
            return;
        }
        for (Object item : (List<?>) embedded) {
            if (!(item instanceof Map)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) item;
            TraceNode child = new TraceNode(fields, false, false);
            String id = child.id();
            if (id != null && documentIds.contains(id)) {
                continue;
            }
            if (id != null && !byId.containsKey(id)) {
                byId.put(id, child);
            }
            node.addChild(child);
            addEmbedded(child, documentIds, byId);
        }
    }

    private static void link(TraceNode node, Map<String, TraceNode> byId, List<TraceNode> roots) {
        String parentId = node.parentId();
        if (parentId == null) {
            roots.add(node);
            return;
        }
        TraceNode parent = byId.get(parentId);
        if (parent == null) {
            node.markMissingParent(parentId);
            roots.add(node);
        } else if (isWithin(parent, node)) {
            roots.add(node);
        } else {
            parent.addChild(node);
        }
    }

    /** True when {@code candidate} is {@code ancestor} or lies beneath it: linking would close a cycle. */
    private static boolean isWithin(TraceNode candidate, TraceNode ancestor) {
        for (TraceNode n = candidate; n != null; n = n.parent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static void sort(List<TraceNode> nodes) {
        Collections.sort(nodes, BY_START_TIME);
        for (TraceNode node : nodes) {
            sort(node.mutableChildren());
        }
    }
}
