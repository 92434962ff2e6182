package io.xrayagent.receiver;

/** A datagram the X-Ray daemon would drop: why, and how it starts. */
final class RejectedDatagramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String preview;

    RejectedDatagramException(String reason, String preview) {
        // No stack trace: a rejection is an expected outcome of reading the network, not a bug.
        super(reason, null, false, false);
        this.preview = preview;
    }

    String reason() {
        return getMessage();
    }

    String preview() {
        return preview;
    }
}
