package io.xrayagent.core.emit;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A JSON writer straight into a reusable UTF-8 byte buffer, for the emitter's thread. Segment documents are
 * small, flat and always ASCII-named, so writing them by hand costs a fraction of a general generator and
 * allocates nothing but the finished document.
 *
 * <p>Commas are placed by tracking whether the current object or array already holds a value. Strings are
 * escaped as RFC 8259 requires; an unpaired surrogate, which has no UTF-8 form, becomes U+FFFD.
 */
final class JsonOutput {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private static final int INITIAL_BYTES = 4096;
    /** A buffer grown past this by one huge tree is dropped at the next reset rather than kept for good. */
    private static final int KEPT_BYTES = 256 * 1024;

    private byte[] buffer = new byte[INITIAL_BYTES];
    private int size;
    /** True when the next value or name in the current container needs a comma before it. */
    private boolean separate;

    void reset() {
        if (buffer.length > KEPT_BYTES) {
            buffer = new byte[INITIAL_BYTES];
        }
        size = 0;
        separate = false;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void copyTo(ByteBuffer target) {
        target.put(buffer, 0, size);
    }

    int size() {
        return size;
    }

    void startObject() {
        beforeValue();
        put((byte) '{');
        separate = false;
    }

    void endObject() {
        put((byte) '}');
        separate = true;
    }

    void startArray() {
        beforeValue();
        put((byte) '[');
        separate = false;
    }

    void endArray() {
        put((byte) ']');
        separate = true;
    }

    /** A field name; its value follows. Names are the schema's own, plain ASCII. */
    void name(String name) {
        beforeValue();
        ensure(name.length() + 3);
        buffer[size++] = '"';
        for (int i = 0; i < name.length(); i++) {
            buffer[size++] = (byte) name.charAt(i);
        }
        buffer[size++] = '"';
        buffer[size++] = ':';
        separate = false;
    }

    void objectField(String name) {
        name(name);
        startObject();
    }

    void arrayField(String name) {
        name(name);
        startArray();
    }

    void stringField(String name, String value) {
        name(name);
        string(value);
    }

    void numberField(String name, long value) {
        name(name);
        number(value);
    }

    void booleanField(String name, boolean value) {
        name(name);
        beforeValue();
        putAll(value ? TRUE : FALSE);
        separate = true;
    }

    /** Epoch microseconds as seconds with six decimals ({@code 1716581281.123456}), the documents' time form. */
    void secondsField(String name, long epochMicros) {
        name(name);
        beforeValue();
        writeLong(epochMicros / 1_000_000L);
        int micros = (int) (epochMicros % 1_000_000L);
        ensure(7);
        buffer[size++] = '.';
        for (int i = size + 5; i >= size; i--) {
            buffer[i] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
        size += 6;
        separate = true;
    }

    void number(long value) {
        beforeValue();
        writeLong(value);
        separate = true;
    }

    void string(String value) {
        beforeValue();
        int length = value.length();
        // Worst case: every char a six-byte escape; most documents are ASCII and need length + 2.
        ensure(length * 6 + 2);
        byte[] out = buffer;
        int at = size;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[at++] = (byte) c;
                } else {
                    at = escape(out, at, c);
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                int codePoint = Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(value.charAt(i + 1))
                        ? Character.toCodePoint(c, value.charAt(++i)) : 0xfffd;
                at = putCodePoint(out, at, codePoint);
            } else {
                at = putCodePoint(out, at, c);
            }
        }
        out[at++] = '"';
        size = at;
        separate = true;
    }

    private static int escape(byte[] out, int at, char c) {
        out[at++] = '\\';
        switch (c) {
            case '"':
                out[at++] = '"';
                break;
            case '\\':
                out[at++] = '\\';
                break;
            case '\n':
                out[at++] = 'n';
                break;
            case '\r':
                out[at++] = 'r';
                break;
            case '\t':
                out[at++] = 't';
                break;
            case '\b':
                out[at++] = 'b';
                break;
            case '\f':
                out[at++] = 'f';
                break;
            default:
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xf];
        }
        return at;
    }

    private static int putCodePoint(byte[] out, int at, int codePoint) {
        if (codePoint < 0x10000) {
            out[at++] = (byte) (0xe0 | (codePoint >> 12));
            out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
        } else {
            out[at++] = (byte) (0xf0 | (codePoint >> 18));
            out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
            out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
        }
        out[at++] = (byte) (0x80 | (codePoint & 0x3f));
        return at;
    }

    private void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            putAscii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            buffer[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
    }

    private void putAscii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
    }

    private void beforeValue() {
        if (separate) {
            put((byte) ',');
            separate = false;
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void putAll(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
