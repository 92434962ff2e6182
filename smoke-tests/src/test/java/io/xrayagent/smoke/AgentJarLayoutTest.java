package io.xrayagent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.smoke.support.JavaProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What the agent jar exposes to class loaders and scanners: only the entry, the bridge and META-INF. */
class AgentJarLayoutTest {
    @Test
    void rootHoldsOnlyTheEntryTheBridgeAndMetaInf() throws IOException {
        List<String> loadable = new ArrayList<>();
        try (JarFile jar = new JarFile(JavaProcess.agentJar().toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                boolean allowed = name.startsWith("META-INF/") || name.startsWith("inst/")
                        || name.startsWith("io/xrayagent/entry/") || name.startsWith("io/xrayagent/bootstrap/")
                        || name.equals("io/") || name.equals("io/xrayagent/");
                assertTrue(allowed, "unexpected entry at the jar's root: " + name);
                if (name.endsWith(".class")) {
                    assertTrue(!name.startsWith("inst/") && !name.startsWith("META-INF/versions"), name);
                    loadable.add(name);
                    assertEquals(52, majorVersion(jar, name), name + " must be Java 8 bytecode");
                }
            }
            assertTrue(jar.getEntry("inst/net/bytebuddy/ByteBuddy.classdata") != null);
            assertTrue(jar.getEntry("inst/com/fasterxml/jackson/core/JsonFactory.classdata") != null);
            assertTrue(jar.getEntry("inst/io/xrayagent/core/AgentStarter.classdata") != null);
            assertEquals(52, majorVersion(jar, "inst/io/xrayagent/core/AgentStarter.classdata"));

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("io.xrayagent.entry.AgentEntry", manifest.getValue("Premain-Class"));
            assertEquals("io.xrayagent.entry.AgentEntry", manifest.getValue("Agent-Class"));
            assertEquals("io.xrayagent.entry.AgentEntry", manifest.getValue("Main-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
        }
        // The entry (3 classes) and the bridge: a handful of small classes per instrumentation family.
        assertTrue(loadable.size() < 40, "a tiny root: " + loadable);
        System.out.println("agent jar: " + Files.size(JavaProcess.agentJar()) + " bytes, " + loadable.size()
                + " loadable classes at the root");
    }

    /**
     * Byte Buddy inlines advice code together with its stack map frames; frames recomputed by ProGuard's
     * preverifier do not fit a woven method once the advice has a branch, so the jar carries javac's bytes.
     */
    @Test
    void adviceClassesAreJavacsBytesNotProGuards() throws IOException {
        int compared = 0;
        try (JarFile jar = new JarFile(JavaProcess.agentJar().toFile());
                JarFile flat = new JarFile(JavaProcess.agentJar().resolveSibling("xray-agent-flat.jar").toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                String simple = name.substring(name.lastIndexOf('/') + 1);
                if (name.startsWith("inst/io/xrayagent/instrumentation/")
                        && (simple.endsWith("Advice.classdata") || simple.contains("Advice$"))) {
                    String original = name.substring("inst/".length(), name.length() - "data".length());
                    JarEntry javac = flat.getJarEntry(original);
                    assertTrue(javac != null, original);
                    try (InputStream a = jar.getInputStream(jar.getEntry(name)); InputStream b = flat.getInputStream(javac)) {
                        assertTrue(java.util.Arrays.equals(a.readAllBytes(), b.readAllBytes()), name);
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared >= 8, "advice classes of every instrumentation, found " + compared);
    }

    private static int majorVersion(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name)); DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt(), name);
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
