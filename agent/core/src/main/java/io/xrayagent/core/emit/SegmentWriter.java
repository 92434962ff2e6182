package io.xrayagent.core.emit;

import io.xrayagent.core.model.Cause;
import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.ExceptionRecord;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.SqlData;
import io.xrayagent.core.model.Subsegment;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes one entity as X-Ray segment-document JSON through {@link JsonOutput}. The caller holds
 * the segment's lock, so the tree does not change underneath.
 *
 * <p>Not thread-safe: it reuses one buffer, and the emitter owns one instance on its sender thread.
 */
final class SegmentWriter {
    /** The schema caps these strings at 250 characters. */
    static final int MAX_FIELD = 250;
    /** Exception messages are not capped by the schema; keep one exception from eating the document. */
    static final int MAX_MESSAGE = 2048;
    /** The recorder caps queries itself; this only keeps a bug there from eating the document. */
    static final int MAX_QUERY = 8192;

    /** How much to leave out of an entity that is too large on its own. */
    enum Detail {
        FULL, NO_STACKS, MINIMAL
    }

    enum Form {
        /** A segment document (always independent). */
        SEGMENT,
        /** A subsegment sent on its own: carries type, trace_id and parent_id. */
        INDEPENDENT,
        /** A subsegment inside its parent's {@code subsegments} array. */
        EMBEDDED
    }

    private final AgentIdentity identity;
    private final JsonOutput out = new JsonOutput();

    SegmentWriter(AgentIdentity identity) {
        this.identity = identity;
    }

    /** Writes the whole entity into the writer's buffer and returns its size; {@link #copyTo} takes it out. */
    int writeWhole(Entity entity, Form form) {
        out.reset();
        writeObject(out, entity, form, Detail.FULL, true);
        return out.size();
    }

    /** The document last written by {@link #writeWhole}. */
    void copyTo(ByteBuffer target) {
        out.copyTo(target);
    }

    /** The whole entity, its in-memory children embedded. */
    byte[] write(Entity entity, Form form) {
        return write(entity, form, Detail.FULL, true);
    }

    /**
     * The entity's own fields as an unclosed JSON object ({@code {"name":...,"id":...}} without the final
     * brace), so that the caller can append the children that fit and close it.
     */
    byte[] writeOpen(Entity entity, Form form, Detail detail) {
        out.reset();
        out.startObject();
        writeFields(out, entity, form, detail);
        return out.toByteArray();
    }

    byte[] write(Entity entity, Form form, Detail detail, boolean withChildren) {
        out.reset();
        writeObject(out, entity, form, detail, withChildren);
        return out.toByteArray();
    }

    private void writeObject(JsonOutput g, Entity entity, Form form, Detail detail, boolean withChildren) {
        g.startObject();
        writeFields(g, entity, form, detail);
        List<Subsegment> children = entity.children();
        if (withChildren && !children.isEmpty()) {
            g.arrayField("subsegments");
            for (int i = 0; i < children.size(); i++) {
                writeObject(g, children.get(i), Form.EMBEDDED, detail, true);
            }
            g.endArray();
        }
        g.endObject();
    }

    private void writeFields(JsonOutput g, Entity entity, Form form, Detail detail) {
        if (form == Form.INDEPENDENT) {
            g.stringField("type", "subsegment");
        }
        g.stringField("name", entity.name());
        g.stringField("id", entity.id());
        if (form != Form.EMBEDDED) {
            g.stringField("trace_id", entity.traceId());
        }
        if (form == Form.INDEPENDENT) {
            g.stringField("parent_id", entity.parent().id());
        }
        g.secondsField("start_time", entity.startMicros());
        if (entity.isEnded()) {
            g.secondsField("end_time", entity.endMicros());
        } else {
            g.booleanField("in_progress", true);
        }
        if (entity instanceof Segment) {
            Segment segment = (Segment) entity;
            if (segment.parentId() != null) {
                g.stringField("parent_id", segment.parentId());
            }
            if (segment.origin() != null) {
                g.stringField("origin", segment.origin());
            }
        } else {
            String namespace = ((Subsegment) entity).namespace();
            if (namespace != null) {
                g.stringField("namespace", namespace);
            }
        }
        writeHttp(g, entity, entity instanceof Segment);
        if (entity instanceof Subsegment && ((Subsegment) entity).sql() != null) {
            writeSql(g, (Subsegment) entity);
        }
        if (entity.error()) {
            g.booleanField("error", true);
        }
        if (entity.throttle()) {
            g.booleanField("throttle", true);
        }
        if (entity.fault()) {
            g.booleanField("fault", true);
        }
        if (entity.cause() != null && detail != Detail.MINIMAL) {
            writeCause(g, entity.cause(), detail);
        }
        if (entity instanceof Segment) {
            writeSegmentIdentity(g, (Segment) entity);
        }
        if (detail != Detail.FULL) {
            g.objectField("metadata");
            g.objectField("xray_agent");
            g.booleanField("truncated", true);
            g.stringField("reason", "document larger than one UDP datagram");
            g.endObject();
            g.endObject();
        }
    }

    private void writeSegmentIdentity(JsonOutput g, Segment segment) {
        g.objectField("aws");
        g.objectField("xray");
        g.stringField("sdk", AgentIdentity.SDK_NAME);
        g.stringField("sdk_version", identity.version());
        g.booleanField("auto_instrumentation", true);
        if (segment.ruleName() != null) {
            g.stringField("rule_name", segment.ruleName());
        }
        g.endObject();
        g.endObject();
        g.objectField("service");
        if (identity.runtime() != null) {
            g.stringField("runtime", identity.runtime());
        }
        if (identity.runtimeVersion() != null) {
            g.stringField("runtime_version", identity.runtimeVersion());
        }
        g.endObject();
    }

    private static void writeHttp(JsonOutput g, Entity entity, boolean segment) {
        HttpRequestData request = entity.request();
        int status = entity.status();
        if (request == null && status < 0) {
            return;
        }
        g.objectField("http");
        if (request != null) {
            g.objectField("request");
            writeCapped(g, "method", request.method(), MAX_FIELD);
            writeCapped(g, "url", request.url(), MAX_FIELD);
            if (segment) {
                writeCapped(g, "user_agent", request.userAgent(), MAX_FIELD);
                writeCapped(g, "client_ip", request.clientIp(), MAX_FIELD);
                if (request.forwarded()) {
                    g.booleanField("x_forwarded_for", true);
                }
            } else if (request.traced()) {
                g.booleanField("traced", true);
            }
            g.endObject();
        }
        if (status >= 0) {
            g.objectField("response");
            g.numberField("status", status);
            if (entity.contentLength() >= 0) {
                g.numberField("content_length", entity.contentLength());
            }
            g.endObject();
        }
        g.endObject();
    }

    private static void writeSql(JsonOutput g, Subsegment subsegment) {
        SqlData sql = subsegment.sql();
        g.objectField("sql");
        writeCapped(g, "url", sql.url(), MAX_MESSAGE);
        writeCapped(g, "user", sql.user(), MAX_FIELD);
        writeCapped(g, "database_type", sql.databaseType(), MAX_FIELD);
        writeCapped(g, "database_version", sql.databaseVersion(), MAX_FIELD);
        writeCapped(g, "driver_version", sql.driverVersion(), MAX_FIELD);
        writeCapped(g, "preparation", subsegment.sqlPreparation(), MAX_FIELD);
        writeCapped(g, "sanitized_query", subsegment.sqlQuery(), MAX_QUERY);
        g.endObject();
    }

    private void writeCause(JsonOutput g, Cause cause, Detail detail) {
        if (cause.referencedId() != null) {
            g.stringField("cause", cause.referencedId());
            return;
        }
        g.objectField("cause");
        if (identity.workingDirectory() != null) {
            g.stringField("working_directory", identity.workingDirectory());
        }
        g.arrayField("exceptions");
        List<ExceptionRecord> exceptions = cause.exceptions();
        for (int i = 0; i < exceptions.size(); i++) {
            ExceptionRecord record = exceptions.get(i);
            g.startObject();
            g.stringField("id", record.id());
            writeCapped(g, "type", record.type(), MAX_MESSAGE);
            writeCapped(g, "message", record.message(), MAX_MESSAGE);
            if (record.causeId() != null) {
                g.stringField("cause", record.causeId());
            }
            if (record.skipped() > 0) {
                g.numberField("skipped", record.skipped());
            }
            StackTraceElement[] frames = record.frames();
            int truncated = record.truncated();
            if (detail == Detail.FULL && frames.length > 0) {
                g.arrayField("stack");
                for (StackTraceElement frame : frames) {
                    g.startObject();
                    // The schema rejects "path": null (frames of generated classes have no file): omit it.
                    if (frame.getFileName() != null) {
                        g.stringField("path", frame.getFileName());
                    }
                    if (frame.getLineNumber() >= 0) {
                        g.numberField("line", frame.getLineNumber());
                    }
                    g.stringField("label", frame.getClassName() + '.' + frame.getMethodName());
                    g.endObject();
                }
                g.endArray();
            } else {
                truncated += frames.length;
            }
            if (truncated > 0) {
                g.numberField("truncated", truncated);
            }
            g.endObject();
        }
        g.endArray();
        g.endObject();
    }

    private static void writeCapped(JsonOutput g, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            int end = max;
            if (Character.isHighSurrogate(value.charAt(end - 1))) {
                end--;
            }
            value = value.substring(0, end);
        }
        g.stringField(field, value);
    }
}
