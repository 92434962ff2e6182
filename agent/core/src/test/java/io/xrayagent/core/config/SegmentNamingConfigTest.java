package io.xrayagent.core.config;

import static io.xrayagent.core.config.Sources.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentNamingConfigTest {
    private final LogCapture log = new LogCapture();

    @BeforeEach
    void captureLog() {
        log.start();
    }

    @AfterEach
    void restoreLog() {
        log.stop();
    }

    @Test
    void fixedNamingByDefault() {
        AgentConfig config = AgentConfig.defaults();
        assertEquals(SegmentNamingStrategy.FIXED, config.segmentNaming());
        assertEquals("*", config.dynamicNamingRecognizedHosts());
    }

    @Test
    void dynamicNamingFromEveryKindOfSource() {
        AgentConfig fromArgs = AgentConfig.load("segmentNaming=dynamic,dynamicNamingRecognizedHosts=*.example.com",
                null, null, null);
        assertEquals(SegmentNamingStrategy.DYNAMIC, fromArgs.segmentNaming());
        assertEquals("*.example.com", fromArgs.dynamicNamingRecognizedHosts());
        AgentConfig fromEnvironment = AgentConfig.load(null, null, map("XRAY_AGENT_SEGMENT_NAMING", "DYNAMIC"), null);
        assertEquals(SegmentNamingStrategy.DYNAMIC, fromEnvironment.segmentNaming());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void unknownStrategyFallsBackToFixedWithOneWarning() {
        AgentConfig config = AgentConfig.load("segmentNaming=byHost", null, null, null);
        assertEquals(SegmentNamingStrategy.FIXED, config.segmentNaming());
        String warning = log.singleWarning();
        assertTrue(warning.startsWith("invalid value \"byHost\" for segmentNaming (from agent arguments); using FIXED"),
                warning);
    }
}
