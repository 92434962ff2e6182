package io.xrayagent.core.model;

/** One exception of a {@link Cause}, with at most {@code maxStackTraceLength} frames. */
public final class ExceptionRecord {
    private final String id;
    private final String type;
    private final String message;
    private final StackTraceElement[] frames;
    private final int truncated;
    private String causeId;
    private int skipped;

    private ExceptionRecord(String id, String type, String message, StackTraceElement[] frames, int truncated) {
        this.id = id;
        this.type = type;
        this.message = message;
        this.frames = frames;
        this.truncated = truncated;
    }

    static ExceptionRecord of(String id, Throwable thrown, int maxFrames) {
        StackTraceElement[] all = thrown.getStackTrace();
        int kept = Math.min(all.length, Math.max(0, maxFrames));
        StackTraceElement[] frames = all;
        if (kept < all.length) {
            frames = new StackTraceElement[kept];
            System.arraycopy(all, 0, frames, 0, kept);
        }
        String message;
        try {
            message = thrown.getMessage();
        } catch (RuntimeException e) {
            // An application's getMessage() may throw; the exception is still worth recording.
            message = null;
        }
        return new ExceptionRecord(id, thrown.getClass().getName(), message, frames, all.length - kept);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String message() {
        return message;
    }

    public StackTraceElement[] frames() {
        return frames;
    }

    /** Frames left out. */
    public int truncated() {
        return truncated;
    }

    /** Id of the exception that caused this one, or null. */
    public String causeId() {
        return causeId;
    }

    void setCauseId(String value) {
        causeId = value;
    }

    /** Exceptions of the chain left out after this one. */
    public int skipped() {
        return skipped;
    }

    void setSkipped(int value) {
        skipped = value;
    }
}
