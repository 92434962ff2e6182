package io.xrayagent.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a Java 8 JVM loads of this module, the ServiceLoader entry and the advice, is Java 8 bytecode that names
 * no java.net.http type, so there the module only finds the API missing and skips itself.
 */
class RunsOnJava8Test {
    @Test
    void moduleClassAndAdviceAreJava8AndNameNoJavaNetHttpType() throws IOException {
        for (Class<?> type : new Class<?>[] {JavaHttpClientInstrumentation.class, SendAdvice.class}) {
            byte[] bytes = bytes(type);
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
            in.readInt();
            in.readUnsignedShort();
            assertEquals(52, in.readUnsignedShort(), type + " class file version");
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("java/net/http"), type + " names a java.net.http type");
        }
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
