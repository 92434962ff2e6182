package io.xrayagent.receiver;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void readsEveryKindOfValueIntoPlainJavaTypes() {
        Object parsed = Json.parse("{\"s\":\"x\\u00e9\",\"i\":42,\"big\":12345678901,\"f\":1716581281.123456,"
                + "\"e\":1.5E9,\"t\":true,\"n\":null,\"a\":[1,\"two\",false],\"o\":{\"k\":{}}}");

        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, parsed);
        assertEquals(Arrays.asList("s", "i", "big", "f", "e", "t", "n", "a", "o"), new ArrayList<Object>(map.keySet()));
        assertEquals("x\u00e9", map.get("s"));
        assertEquals(Long.valueOf(42), map.get("i"));
        assertEquals(Long.valueOf(12345678901L), map.get("big"));
        assertEquals(Double.valueOf(1716581281.123456), map.get("f"));
        assertEquals(Double.valueOf(1.5e9), map.get("e"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertTrue(map.containsKey("n"));
        assertNull(map.get("n"));
        List<?> array = assertInstanceOf(ArrayList.class, map.get("a"));
        assertEquals(Arrays.<Object>asList(1L, "two", false), array);
        assertEquals(new LinkedHashMap<String, Object>(), ((Map<?, ?>) map.get("o")).get("k"));
    }

    @Test
    void anIntegerBeyondLongBecomesADouble() {
        assertEquals(Double.valueOf(1e20), Json.parse("100000000000000000000"));
    }

    @Test
    void readsUtf8BytesFromAnOffset() {
        byte[] bytes = "xx[\"caf\u00e9\"]yy".getBytes(StandardCharsets.UTF_8);

        assertEquals(Arrays.asList("caf\u00e9"), Json.parse(bytes, 2, bytes.length - 4));
    }

    @Test
    void rejectsInvalidJsonWithIllegalArgumentException() {
        for (String bad : new String[] {"", "   ", "{", "{\"a\":1", "[1,2", "{\"a\":1} x", "{a:1}", "nul", "1 2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
        }
    }

    @Test
    void rejectsMalformedUtf8() {
        byte[] bytes = {'"', (byte) 0xC3, (byte) 0x28, '"'};

        assertThrows(IllegalArgumentException.class, () -> Json.parse(bytes, 0, bytes.length));
    }
}
