package io.xrayagent.smoke.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.smoke.support.JavaProcess;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent image as agent-image/ builds it, read from its tarball (no engine needed): the jar at both paths,
 * byte for byte the built agent, a cp that runs with nothing else in the image (a static binary), no entrypoint.
 */
class AgentImageTest {
    private static final int PT_INTERP = 3;
    private final Map<String, byte[]> configAndManifest = new TreeMap<>();
    private final Map<String, TarArchiveEntry> entries = new TreeMap<>();
    private final Map<String, byte[]> files = new TreeMap<>();

    @BeforeEach
    void readImage() throws IOException {
        Path tar = TestImages.agentTar();
        try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = image.getNextEntry()) != null) {
                if (entry.getName().endsWith(".tar.gz")) {
                    readLayer(new TarArchiveInputStream(new GZIPInputStream(nonClosing(image))));
                } else {
                    configAndManifest.put(entry.getName(), image.readAllBytes());
                }
            }
        }
    }

    @Test
    void holdsTheAgentJarAtBothPathsAndCpAndNothingElse() throws IOException {
        assertEquals(List.of("bin/cp", "javaagent.jar", "javaagent/xray-agent.jar"), List.copyOf(files.keySet()));
        byte[] agent = Files.readAllBytes(JavaProcess.agentJar());
        for (String path : TestImages.AGENT_PATHS) {
            assertArrayEquals(agent, files.get(path.substring(1)), path + " is the built agent jar");
            assertEquals(0644, entries.get(path.substring(1)).getMode() & 0777, path + " readable by any user");
        }
        assertEquals(0755, entries.get("bin/cp").getMode() & 0777, "cp runs as any user");
    }

    @Test
    void cpIsAStaticExecutableAsTheImageHasNoLibraries() {
        ByteBuffer elf = ByteBuffer.wrap(files.get("bin/cp")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x7f454c46, ByteBuffer.wrap(files.get("bin/cp")).getInt(), "an ELF executable");
        assertEquals(2, elf.get(4), "64-bit");
        long programHeaders = elf.getLong(0x20);
        int headerSize = elf.getShort(0x36) & 0xffff;
        int headerCount = elf.getShort(0x38) & 0xffff;
        for (int i = 0; i < headerCount; i++) {
            assertTrue(elf.getInt((int) programHeaders + i * headerSize) != PT_INTERP,
                    "bin/cp names a dynamic loader: the image needs a statically linked busybox (busybox-static)");
        }
    }

    @Test
    void hasNoEntrypointAndNamesItsVersion() {
        String manifest = new String(configAndManifest.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"" + System.getProperty("smoke.containers.agent-image",
                "localhost/xray-agent:0.1.0-SNAPSHOT") + "\""), manifest);
        String config = new String(configAndManifest.get("config.json"), StandardCharsets.UTF_8);
        assertFalse(config.contains("\"Entrypoint\"") || config.contains("\"Cmd\""),
                "the init container or the Dockerfile says what to run: " + config);
        assertTrue(config.contains("\"org.opencontainers.image.version\":\""), config);
        assertTrue(config.contains("\"os\":\"linux\""), config);
        assertTrue(config.contains("\"PATH=/bin\""), "a bare cp is found on any runtime: " + config);
    }

    private void readLayer(TarArchiveInputStream layer) throws IOException {
        TarArchiveEntry entry;
        while ((entry = layer.getNextEntry()) != null) {
            if (entry.isFile()) {
                entries.put(entry.getName(), entry);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                layer.transferTo(content);
                files.put(entry.getName(), content.toByteArray());
            }
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }
}
