package io.xrayagent.core.emit;

import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an entity into documents that each fit one datagram. A tree that fits goes out whole. One that
 * does not keeps as many of its children embedded as fit; the others are sent as independent subsegments
 * (recursively split the same way), so that nothing is lost. An entity too large even on its own is sent
 * with its stacks, then its cause, left out, and marked as truncated in its metadata.
 */
final class DocumentSplitter {
    private static final byte[] CHILDREN_OPEN = ",\"subsegments\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SegmentWriter writer;
    private final int maxDocumentBytes;
    private int truncatedCount;
    private int splitCount;

    /** {@code maxDocumentBytes}: the datagram limit less the header line. */
    DocumentSplitter(SegmentWriter writer, int maxDocumentBytes) {
        this.writer = writer;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * Writes the whole tree into {@code target} when it fits one document (the common case), and returns
     * false, leaving {@code target} as it was, when it must be split ({@link #documents}).
     */
    boolean writeWhole(Entity entity, SegmentWriter.Form form, ByteBuffer target) {
        int size = writer.writeWhole(entity, form);
        if (size > maxDocumentBytes || size > target.remaining()) {
            return false;
        }
        writer.copyTo(target);
        return true;
    }

    List<byte[]> documents(Entity entity, SegmentWriter.Form form) {
        List<byte[]> out = new ArrayList<byte[]>(1);
        add(entity, form, out);
        return out;
    }

    List<byte[]> documents(Segment segment) {
        return documents(segment, SegmentWriter.Form.SEGMENT);
    }

    List<byte[]> documents(Subsegment independent) {
        return documents(independent, SegmentWriter.Form.INDEPENDENT);
    }

    /** Documents truncated since the last call. */
    int takeTruncatedCount() {
        int value = truncatedCount;
        truncatedCount = 0;
        return value;
    }

    /** Trees that had to be split since the last call. */
    int takeSplitCount() {
        int value = splitCount;
        splitCount = 0;
        return value;
    }

    private void add(Entity entity, SegmentWriter.Form form, List<byte[]> out) {
        byte[] whole = writer.write(entity, form);
        if (whole.length <= maxDocumentBytes) {
            out.add(whole);
            return;
        }
        splitCount++;
        SegmentWriter.Detail detail = SegmentWriter.Detail.FULL;
        byte[] head = writer.writeOpen(entity, form, detail);
        while (head.length + 1 > maxDocumentBytes && detail != SegmentWriter.Detail.MINIMAL) {
            detail = detail == SegmentWriter.Detail.FULL ? SegmentWriter.Detail.NO_STACKS : SegmentWriter.Detail.MINIMAL;
            head = writer.writeOpen(entity, form, detail);
        }
        if (detail != SegmentWriter.Detail.FULL) {
            truncatedCount++;
        }
        List<Subsegment> children = entity.children();
        List<byte[]> embedded = new ArrayList<byte[]>();
        int size = head.length + CHILDREN_OPEN.length + 2;
        for (int i = 0; i < children.size(); i++) {
            Subsegment child = children.get(i);
            byte[] childJson = writer.write(child, SegmentWriter.Form.EMBEDDED);
            int extra = childJson.length + (embedded.isEmpty() ? 0 : 1);
            if (size + extra <= maxDocumentBytes) {
                embedded.add(childJson);
                size += extra;
            } else {
                add(child, SegmentWriter.Form.INDEPENDENT, out);
            }
        }
        out.add(close(head, embedded, size));
    }

    private static byte[] close(byte[] head, List<byte[]> embedded, int size) {
        if (embedded.isEmpty()) {
            byte[] document = new byte[head.length + 1];
            System.arraycopy(head, 0, document, 0, head.length);
            document[head.length] = '}';
            return document;
        }
        byte[] document = new byte[size];
        int at = 0;
        System.arraycopy(head, 0, document, at, head.length);
        at += head.length;
        System.arraycopy(CHILDREN_OPEN, 0, document, at, CHILDREN_OPEN.length);
        at += CHILDREN_OPEN.length;
        for (int i = 0; i < embedded.size(); i++) {
            if (i > 0) {
                document[at++] = ',';
            }
            byte[] child = embedded.get(i);
            System.arraycopy(child, 0, document, at, child.length);
            at += child.length;
        }
        document[at++] = ']';
        document[at++] = '}';
        return trim(document, at);
    }

    private static byte[] trim(byte[] document, int length) {
        if (length == document.length) {
            return document;
        }
        byte[] exact = new byte[length];
        System.arraycopy(document, 0, exact, 0, length);
        return exact;
    }
}
