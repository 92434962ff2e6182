package io.xrayagent.core.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.xrayagent.core.model.Cause;
import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.EpochClock;
import io.xrayagent.core.model.ExceptionRecord;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.SqlData;
import io.xrayagent.core.model.Subsegment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Writes one entity as X-Ray segment-document JSON with Jackson's streaming generator. The caller holds
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

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final AgentIdentity identity;
    private final Buffer buffer = new Buffer();

    SegmentWriter(AgentIdentity identity) {
        this.identity = identity;
    }

    /** The whole entity, its in-memory children embedded. */
    byte[] write(Entity entity, Form form) throws IOException {
        return write(entity, form, Detail.FULL, true);
    }

    /**
     * The entity's own fields as an unclosed JSON object ({@code {"name":...,"id":...}} without the final
     * brace), so that the caller can append the children that fit and close it.
     */
    byte[] writeOpen(Entity entity, Form form, Detail detail) throws IOException {
        buffer.reset();
        JsonGenerator generator = FACTORY.createGenerator(buffer);
        generator.writeStartObject();
        writeFields(generator, entity, form, detail);
        generator.flush();
        generator.close();
        return buffer.toByteArray();
    }

    byte[] write(Entity entity, Form form, Detail detail, boolean withChildren) throws IOException {
        buffer.reset();
        JsonGenerator generator = FACTORY.createGenerator(buffer);
        writeObject(generator, entity, form, detail, withChildren);
        generator.flush();
        generator.close();
        return buffer.toByteArray();
    }

    private void writeObject(JsonGenerator g, Entity entity, Form form, Detail detail, boolean withChildren)
            throws IOException {
        g.writeStartObject();
        writeFields(g, entity, form, detail);
        List<Subsegment> children = entity.children();
        if (withChildren && !children.isEmpty()) {
            g.writeArrayFieldStart("subsegments");
            for (int i = 0; i < children.size(); i++) {
                writeObject(g, children.get(i), Form.EMBEDDED, detail, true);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void writeFields(JsonGenerator g, Entity entity, Form form, Detail detail) throws IOException {
        if (form == Form.INDEPENDENT) {
            g.writeStringField("type", "subsegment");
        }
        g.writeStringField("name", entity.name());
        g.writeStringField("id", entity.id());
        if (form != Form.EMBEDDED) {
            g.writeStringField("trace_id", entity.traceId());
        }
        if (form == Form.INDEPENDENT) {
            g.writeStringField("parent_id", entity.parent().id());
        }
        g.writeFieldName("start_time");
        g.writeNumber(EpochClock.toSecondsText(entity.startMicros()));
        if (entity.isEnded()) {
            g.writeFieldName("end_time");
            g.writeNumber(EpochClock.toSecondsText(entity.endMicros()));
        } else {
            g.writeBooleanField("in_progress", true);
        }
        if (entity instanceof Segment) {
            Segment segment = (Segment) entity;
            if (segment.parentId() != null) {
                g.writeStringField("parent_id", segment.parentId());
            }
            if (segment.origin() != null) {
                g.writeStringField("origin", segment.origin());
            }
        } else {
            String namespace = ((Subsegment) entity).namespace();
            if (namespace != null) {
                g.writeStringField("namespace", namespace);
            }
        }
        writeHttp(g, entity, entity instanceof Segment);
        if (entity instanceof Subsegment && ((Subsegment) entity).sql() != null) {
            writeSql(g, (Subsegment) entity);
        }
        if (entity.error()) {
            g.writeBooleanField("error", true);
        }
        if (entity.throttle()) {
            g.writeBooleanField("throttle", true);
        }
        if (entity.fault()) {
            g.writeBooleanField("fault", true);
        }
        if (entity.cause() != null && detail != Detail.MINIMAL) {
            writeCause(g, entity.cause(), detail);
        }
        if (entity instanceof Segment) {
            writeSegmentIdentity(g, (Segment) entity);
        }
        if (detail != Detail.FULL) {
            g.writeObjectFieldStart("metadata");
            g.writeObjectFieldStart("xray_agent");
            g.writeBooleanField("truncated", true);
            g.writeStringField("reason", "document larger than one UDP datagram");
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private void writeSegmentIdentity(JsonGenerator g, Segment segment) throws IOException {
        g.writeObjectFieldStart("aws");
        g.writeObjectFieldStart("xray");
        g.writeStringField("sdk", AgentIdentity.SDK_NAME);
        g.writeStringField("sdk_version", identity.version());
        g.writeBooleanField("auto_instrumentation", true);
        if (segment.ruleName() != null) {
            g.writeStringField("rule_name", segment.ruleName());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("service");
        if (identity.runtime() != null) {
            g.writeStringField("runtime", identity.runtime());
        }
        if (identity.runtimeVersion() != null) {
            g.writeStringField("runtime_version", identity.runtimeVersion());
        }
        g.writeEndObject();
    }

    private static void writeHttp(JsonGenerator g, Entity entity, boolean segment) throws IOException {
        HttpRequestData request = entity.request();
        int status = entity.status();
        if (request == null && status < 0) {
            return;
        }
        g.writeObjectFieldStart("http");
        if (request != null) {
            g.writeObjectFieldStart("request");
            writeCapped(g, "method", request.method(), MAX_FIELD);
            writeCapped(g, "url", request.url(), MAX_FIELD);
            if (segment) {
                writeCapped(g, "user_agent", request.userAgent(), MAX_FIELD);
                writeCapped(g, "client_ip", request.clientIp(), MAX_FIELD);
                if (request.forwarded()) {
                    g.writeBooleanField("x_forwarded_for", true);
                }
            } else if (request.traced()) {
                g.writeBooleanField("traced", true);
            }
            g.writeEndObject();
        }
        if (status >= 0) {
            g.writeObjectFieldStart("response");
            g.writeNumberField("status", status);
            if (entity.contentLength() >= 0) {
                g.writeNumberField("content_length", entity.contentLength());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeSql(JsonGenerator g, Subsegment subsegment) throws IOException {
        SqlData sql = subsegment.sql();
        g.writeObjectFieldStart("sql");
        writeCapped(g, "url", sql.url(), MAX_MESSAGE);
        writeCapped(g, "user", sql.user(), MAX_FIELD);
        writeCapped(g, "database_type", sql.databaseType(), MAX_FIELD);
        writeCapped(g, "database_version", sql.databaseVersion(), MAX_FIELD);
        writeCapped(g, "driver_version", sql.driverVersion(), MAX_FIELD);
        writeCapped(g, "preparation", subsegment.sqlPreparation(), MAX_FIELD);
        writeCapped(g, "sanitized_query", subsegment.sqlQuery(), MAX_QUERY);
        g.writeEndObject();
    }

    private void writeCause(JsonGenerator g, Cause cause, Detail detail) throws IOException {
        if (cause.referencedId() != null) {
            g.writeStringField("cause", cause.referencedId());
            return;
        }
        g.writeObjectFieldStart("cause");
        if (identity.workingDirectory() != null) {
            g.writeStringField("working_directory", identity.workingDirectory());
        }
        g.writeArrayFieldStart("exceptions");
        List<ExceptionRecord> exceptions = cause.exceptions();
        for (int i = 0; i < exceptions.size(); i++) {
            ExceptionRecord record = exceptions.get(i);
            g.writeStartObject();
            g.writeStringField("id", record.id());
            writeCapped(g, "type", record.type(), MAX_MESSAGE);
            writeCapped(g, "message", record.message(), MAX_MESSAGE);
            if (record.causeId() != null) {
                g.writeStringField("cause", record.causeId());
            }
            if (record.skipped() > 0) {
                g.writeNumberField("skipped", record.skipped());
            }
            StackTraceElement[] frames = record.frames();
            int truncated = record.truncated();
            if (detail == Detail.FULL && frames.length > 0) {
                g.writeArrayFieldStart("stack");
                for (StackTraceElement frame : frames) {
                    g.writeStartObject();
                    // The schema rejects "path": null (frames of generated classes have no file): omit it.
                    if (frame.getFileName() != null) {
                        g.writeStringField("path", frame.getFileName());
                    }
                    if (frame.getLineNumber() >= 0) {
                        g.writeNumberField("line", frame.getLineNumber());
                    }
                    g.writeStringField("label", frame.getClassName() + '.' + frame.getMethodName());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else {
                truncated += frames.length;
            }
            if (truncated > 0) {
                g.writeNumberField("truncated", truncated);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCapped(JsonGenerator g, String field, String value, int max) throws IOException {
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
        g.writeStringField(field, value);
    }

    /** A ByteArrayOutputStream whose buffer is reused between documents. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }
    }
}
