package io.xrayagent.receiver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A segment or subsegment in an assembled trace, with the nodes beneath it. */
public final class TraceNode {
    private final Map<String, Object> fields;
    private final boolean segment;
    private final boolean document;
    private final List<TraceNode> children = new ArrayList<TraceNode>();
    private TraceNode parent;
    private String missingParentId;

    TraceNode(Map<String, Object> fields, boolean segment, boolean document) {
        this.fields = fields;
        this.segment = segment;
        this.document = document;
    }

    /** The node's JSON object: a whole document, or a subsegment embedded in one. */
    public Map<String, Object> fields() {
        return fields;
    }

    public boolean isSegment() {
        return segment;
    }

    /** True when the node arrived as its own document rather than embedded in another. */
    public boolean isDocument() {
        return document;
    }

    public String id() {
        return string("id");
    }

    public String name() {
        return string("name");
    }

    public String namespace() {
        return string("namespace");
    }

    public String parentId() {
        return string("parent_id");
    }

    public Double startTime() {
        return number("start_time");
    }

    public Double endTime() {
        return number("end_time");
    }

    public boolean isInProgress() {
        return Boolean.TRUE.equals(fields.get("in_progress"));
    }

    public List<TraceNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** The parent_id this node names when no received node has that id; null otherwise. */
    public String missingParentId() {
        return missingParentId;
    }

    TraceNode parent() {
        return parent;
    }

    void addChild(TraceNode child) {
        children.add(child);
        child.parent = this;
    }

    void markMissingParent(String id) {
        missingParentId = id;
    }

    List<TraceNode> mutableChildren() {
        return children;
    }

    private String string(String field) {
        Object value = fields.get(field);
        return value instanceof String ? (String) value : null;
    }

    private Double number(String field) {
        Object value = fields.get(field);
        return value instanceof Number ? Double.valueOf(((Number) value).doubleValue()) : null;
    }
}
