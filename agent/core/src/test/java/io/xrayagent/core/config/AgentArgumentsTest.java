package io.xrayagent.core.config;

import io.xrayagent.testing.LogCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {
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
    void commaAndSemicolonSeparatePairs() {
        AgentConfig config = AgentConfig.load("serviceName=web, logLevel=debug;daemonAddress=udp:a:1 tcp:b:2;",
                null, null, null);
        assertEquals("web", config.serviceName());
        assertEquals(io.xrayagent.core.log.AgentLog.Level.DEBUG, config.logLevel());
        assertEquals("a", config.daemonAddress().udpHost());
        assertEquals("b", config.daemonAddress().tcpHost());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertEquals("a=b", AgentConfig.load("traceIdInjectionPrefix=a=b", null, null, null).traceIdInjectionPrefix());
    }

    @Test
    void laterDuplicateWins() {
        assertEquals("second", AgentConfig.load("serviceName=first,serviceName=second", null, null, null).serviceName());
    }

    @Test
    void malformedAndUnknownArgumentsWarnOneLineEach() {
        AgentConfig config = AgentConfig.load("serviceName=ok,,verbose,=x,servicename=typo,colour=red", null, null, null);
        assertEquals("ok", config.serviceName());
        assertEquals(Arrays.asList(
                "malformed agent argument \"verbose\" (expected key=value); ignored",
                "malformed agent argument \"=x\" (expected key=value); ignored",
                "unknown configuration key \"servicename\" in agent arguments; ignored (did you mean serviceName?)",
                "unknown configuration key \"colour\" in agent arguments; ignored"),
                log.warnings());
    }

    @Test
    void instrumentationSwitchesAreKnownKeys() {
        AgentConfig.load("instrumentation.some-future-library.enabled=false", null, null, null);
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }
}
