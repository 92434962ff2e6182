package io.xrayagent.core.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.core.log.AgentLog;
import io.xrayagent.testing.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class LibraryHelperTest {
    private final ClassLoader agentLoader = LibraryHelperTest.class.getClassLoader();

    @Test
    void helperIsDefinedBesideTheLibraryAndImplementsTheAgentInterface() throws Exception {
        LibraryHelper<Greeting> helpers = new LibraryHelper<Greeting>(Greeting.class,
                "io.xrayagent.core.install.helpers.GreetingHelper", agentLoader);
        try (URLClassLoader library = new URLClassLoader(new URL[0], agentLoader)) {
            Class<?> anchor = Class.forName("io.xrayagent.core.install.LibraryHelperTest", false, library);
            Greeting greeting = helpers.forAnchor(anchor);
            assertEquals("hello from HelperClassLoader using URLClassLoader", greeting.greet());
            ClassLoader helperLoader = greeting.getClass().getClassLoader();
            assertNotSame(agentLoader, helperLoader, "never defined by the agent's own loader");
            assertSame(anchor.getClassLoader(), helperLoader.getParent(), "the library's loader is the parent");
            assertSame(greeting, helpers.forAnchor(anchor), "one helper per library copy");
        }
    }

    @Test
    void eachLibraryCopyGetsItsOwnHelper() throws Exception {
        LibraryHelper<Greeting> helpers = new LibraryHelper<Greeting>(Greeting.class,
                "io.xrayagent.core.install.helpers.GreetingHelper", agentLoader);
        Greeting one = helpers.forAnchor(LibraryHelperTest.class);
        Greeting other = helpers.forAnchor(String.class);
        assertNotSame(one.getClass(), other.getClass());
        assertNull(other.getClass().getClassLoader().getParent(), "the boot loader's classes get the boot loader as parent");
    }

    @Test
    void aHelperThatRejectsItsLibraryLeavesItUntracedWithOneDebugLine() {
        LogCapture log = new LogCapture();
        log.start();
        AgentLog.setLevel(AgentLog.Level.DEBUG);
        try {
            LibraryHelper<Greeting> helpers = new LibraryHelper<Greeting>(Greeting.class,
                    "io.xrayagent.core.install.helpers.TooOldLibraryHelper", agentLoader);
            assertNull(helpers.forAnchor(LibraryHelperTest.class));
            assertNull(helpers.forAnchor(LibraryHelperTest.class));
            assertEquals(1, log.lines().size(), log.lines().toString());
            String line = log.lines().get(0);
            assertTrue(line.contains("DEBUG") && line.contains("is not supported")
                    && line.contains("NoSuchMethodException"), line);
            assertTrue(log.warnings().isEmpty());
        } finally {
            log.stop();
        }
    }

    @Test
    void aMissingHelperClassIsReportedTheSameWay() {
        LibraryHelper<Greeting> helpers = new LibraryHelper<Greeting>(Greeting.class,
                "io.xrayagent.core.install.helpers.NoSuchHelper", agentLoader);
        assertNull(helpers.forAnchor(LibraryHelperTest.class));
    }
}
