package io.xrayagent.core.config;

import io.xrayagent.testing.LogCapture;
import static io.xrayagent.core.config.Sources.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextMissingStrategyTest {
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
    void runtimeErrorBecomesLogErrorWithOneWarning() {
        AgentConfig config = AgentConfig.load(null, null, map("AWS_XRAY_CONTEXT_MISSING", "runtime_error"), null);
        assertEquals(ContextMissingStrategy.LOG_ERROR, config.contextMissingStrategy());
        assertEquals("contextMissingStrategy RUNTIME_ERROR (from environment variable AWS_XRAY_CONTEXT_MISSING) is "
                + "treated as LOG_ERROR: the agent never throws into the application", log.singleWarning());
    }

    @Test
    void shadowedRuntimeErrorIsNotReported() {
        AgentConfig config = AgentConfig.load(null, map("xrayagent.contextMissingStrategy", "IGNORE_ERROR"),
                map("AWS_XRAY_CONTEXT_MISSING", "RUNTIME_ERROR"), null);
        assertEquals(ContextMissingStrategy.IGNORE_ERROR, config.contextMissingStrategy());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void officialValuesAreAcceptedInAnyCase() {
        assertEquals(ContextMissingStrategy.IGNORE_ERROR,
                AgentConfig.load("contextMissingStrategy=Ignore_Error", null, null, null).contextMissingStrategy());
        assertEquals(ContextMissingStrategy.LOG_ERROR,
                AgentConfig.load("contextMissingStrategy=log_error", null, null, null).contextMissingStrategy());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }
}
