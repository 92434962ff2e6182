package io.xrayagent.testing;

import io.xrayagent.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;

/** Collects what AgentLog prints during a test, and puts the real output back afterwards. */
public final class LogCapture {
    private static final String WARN_PREFIX = "[xray-agent] WARN ";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private AgentLog.Level previousLevel;

    public void start() {
        buffer.reset();
        previousLevel = AgentLog.level();
        AgentLog.setLevel(AgentLog.Level.INFO);
        try {
            AgentLog.setOutput(new PrintStream(buffer, true, "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    public void stop() {
        AgentLog.setOutput(System.err);
        AgentLog.setLevel(previousLevel);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<String>();
        try {
            for (String line : buffer.toString("UTF-8").split("\\r?\\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
        return lines;
    }

    /** The warning texts, without the "[xray-agent] WARN " prefix. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<String>();
        for (String line : lines()) {
            if (line.startsWith(WARN_PREFIX)) {
                warnings.add(line.substring(WARN_PREFIX.length()));
            }
        }
        return warnings;
    }

    /** The only warning; fails when there is none or more than one. */
    public String singleWarning() {
        List<String> warnings = warnings();
        if (warnings.size() != 1) {
            throw new AssertionError("expected exactly one warning but got " + lines());
        }
        return warnings.get(0);
    }
}
