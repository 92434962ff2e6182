package io.xrayagent.receiver;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Splits a datagram into header and document the way the X-Ray daemon does, and checks both.
 *
 * <p>The daemon accepts a header only when {@code format} is {@code json} (any case) and {@code version} is 1,
 * and forwards the body without looking at it. This receiver also parses the body, because a document the
 * service would reject should show up here, on the developer's machine, rather than be lost in AWS.
 */
final class DatagramDecoder {
    private static final int PREVIEW_CHARS = 120;

    private DatagramDecoder() {
    }

    /** Returns the document, or throws {@link RejectedDatagramException} saying why the daemon would drop it. */
    static ReceivedDocument decode(byte[] data, int offset, int length) {
        int newline = indexOf(data, offset, length, (byte) '\n');
        if (newline < 0) {
            throw rejected("missing newline between header and document", data, offset, length);
        }
        int headerLength = newline - offset;
        int bodyOffset = newline + 1;
        int bodyLength = offset + length - bodyOffset;
        String header = new String(data, offset, headerLength, StandardCharsets.UTF_8);
        checkHeader(header, data, offset, length);
        if (isBlank(data, bodyOffset, bodyLength)) {
            throw rejected("empty document after the header", data, offset, length);
        }
        Object parsed;
        try {
            parsed = Json.parse(data, bodyOffset, bodyLength);
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage().replaceFirst("^invalid JSON: ", "");
            throw rejected("document is not valid JSON: " + detail, data, offset, length);
        }
        if (!(parsed instanceof Map)) {
            throw rejected("document is not a JSON object", data, offset, length);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) parsed;
        String body = new String(data, bodyOffset, bodyLength, StandardCharsets.UTF_8);
        return new ReceivedDocument(header, body, json, length);
    }

    private static void checkHeader(String header, byte[] data, int offset, int length) {
        Object parsed;
        try {
            parsed = Json.parse(header);
        } catch (IllegalArgumentException e) {
            throw rejected("invalid header: not JSON", data, offset, length);
        }
        if (!(parsed instanceof Map)) {
            throw rejected("invalid header: not a JSON object", data, offset, length);
        }
        Map<?, ?> fields = (Map<?, ?>) parsed;
        Object format = fields.get("format");
        if (!(format instanceof String) || !"json".equalsIgnoreCase((String) format)) {
            throw rejected("invalid header: format must be \"json\"", data, offset, length);
        }
        // The daemon reads version into a Go int, so 1.0 or "1" fail there too.
        if (!Long.valueOf(1).equals(fields.get("version"))) {
            throw rejected("invalid header: version must be 1", data, offset, length);
        }
    }

    private static int indexOf(byte[] data, int offset, int length, byte wanted) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static RejectedDatagramException rejected(String reason, byte[] data, int offset, int length) {
        return new RejectedDatagramException(reason, preview(data, offset, length));
    }

    /** The start of the datagram on one line with control characters escaped, so a reason never garbles a terminal. */
    private static String preview(byte[] data, int offset, int length) {
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(PREVIEW_CHARS + 16);
        int i = 0;
        for (; i < text.length() && out.length() < PREVIEW_CHARS; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
