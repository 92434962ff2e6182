package io.xrayagent.core.model;

import java.security.SecureRandom;

/**
 * Trace and entity ids from a secure random source (ids appear in response headers, so they must not be
 * predictable). Random bytes are drawn from one shared {@link SecureRandom} in blocks per thread, so the
 * generator's lock is taken once per 21 entity ids rather than once per id.
 */
public final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int BLOCK = 168;

    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private static final ThreadLocal<Block> BLOCKS = new ThreadLocal<Block>() {
        @Override
        protected Block initialValue() {
            return new Block();
        }
    };

    private static final class Block {
        final byte[] bytes = new byte[BLOCK];
        int position = BLOCK;

        int take(int count) {
            if (position + count > BLOCK) {
                Holder.RANDOM.nextBytes(bytes);
                position = 0;
            }
            int start = position;
            position += count;
            return start;
        }
    }

    private Ids() {
    }

    /** A 64-bit id as 16 lowercase hex digits, never all zeros. */
    public static String newEntityId() {
        Block block = BLOCKS.get();
        while (true) {
            int start = block.take(8);
            if (!allZero(block.bytes, start, 8)) {
                char[] out = new char[16];
                hex(block.bytes, start, 8, out, 0);
                return new String(out);
            }
        }
    }

    /** {@code 1-<8 hex epoch seconds>-<24 hex random>}: 35 lowercase characters. */
    public static String newTraceId(long epochSeconds) {
        Block block = BLOCKS.get();
        int start = block.take(12);
        char[] out = new char[35];
        out[0] = '1';
        out[1] = '-';
        long epoch = epochSeconds & 0xffffffffL;
        for (int i = 7; i >= 0; i--) {
            out[2 + i] = HEX[(int) (epoch & 0xf)];
            epoch >>>= 4;
        }
        out[10] = '-';
        hex(block.bytes, start, 12, out, 11);
        return new String(out);
    }

    /** Twelve random bytes as 24 hex digits (the sampling client id, for example). */
    public static String newRandomHex24() {
        Block block = BLOCKS.get();
        int start = block.take(12);
        char[] out = new char[24];
        hex(block.bytes, start, 12, out, 0);
        return new String(out);
    }

    private static boolean allZero(byte[] bytes, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void hex(byte[] bytes, int start, int count, char[] out, int at) {
        for (int i = 0; i < count; i++) {
            int b = bytes[start + i] & 0xff;
            out[at + 2 * i] = HEX[b >>> 4];
            out[at + 2 * i + 1] = HEX[b & 0xf];
        }
    }
}
