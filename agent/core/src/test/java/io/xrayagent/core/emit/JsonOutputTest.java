package io.xrayagent.core.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xrayagent.receiver.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class JsonOutputTest {
    private final JsonOutput out = new JsonOutput();

    private String text() {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void placesCommasBetweenFieldsAndArrayElementsOnly() {
        out.startObject();
        out.stringField("a", "x");
        out.numberField("b", -42);
        out.arrayField("c");
        out.startObject();
        out.booleanField("d", true);
        out.endObject();
        out.startObject();
        out.endObject();
        out.number(7);
        out.endArray();
        out.objectField("e");
        out.endObject();
        out.booleanField("f", false);
        out.endObject();
        assertEquals("{\"a\":\"x\",\"b\":-42,\"c\":[{\"d\":true},{},7],\"e\":{},\"f\":false}", text());
    }

    @Test
    void escapesWhatJsonRequiresAndNothingElse() {
        out.startObject();
        out.stringField("s", "q\"b\\s/n\nr\rt\tb\bf\f\u0001\u001f\u007f");
        out.endObject();
        assertEquals("{\"s\":\"q\\\"b\\\\s/n\\nr\\rt\\tb\\bf\\f\\u0001\\u001f\u007f\"}", text());
    }

    @Test
    void writesUtf8AndReplacesUnpairedSurrogates() {
        String value = "é€😀" + '\ud800' + "x" + '\udc00';
        out.startObject();
        out.stringField("s", value);
        out.endObject();
        byte[] expected = "{\"s\":\"é€😀\ufffdx\ufffd\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(expected, StandardCharsets.UTF_8), text());
        assertEquals(expected.length, out.size());
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(text());
        assertEquals("é€😀\ufffdx\ufffd", parsed.get("s"));
    }

    @Test
    void writesEpochMicrosAsSecondsWithSixZeroPaddedDecimals() {
        long[] micros = {1716581281123456L, 1716581281000001L, 1716581281010000L, 1716581281999999L, 0L, 42L};
        String[] expected = {"1716581281.123456", "1716581281.000001", "1716581281.010000", "1716581281.999999",
            "0.000000", "0.000042"};
        for (int i = 0; i < micros.length; i++) {
            out.reset();
            out.startObject();
            out.secondsField("t", micros[i]);
            out.endObject();
            assertEquals("{\"t\":" + expected[i] + "}", text());
            double seconds = ((Number) ((Map<String, Object>) Json.parse(text())).get("t")).doubleValue();
            assertEquals(micros[i], Math.round(seconds * 1_000_000d));
        }
    }

    @Test
    void writesLongsAtTheirLimits() {
        out.startArray();
        out.number(0);
        out.number(Long.MAX_VALUE);
        out.number(Long.MIN_VALUE);
        out.number(1000);
        out.endArray();
        assertEquals("[0," + Long.MAX_VALUE + "," + Long.MIN_VALUE + ",1000]", text());
    }

    @Test
    void growsForLongStringsAndStartsSmallAgainAfterAHugeDocument() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            big.append('\u0001');
        }
        out.startObject();
        out.stringField("s", big.toString());
        out.endObject();
        assertEquals(100_000 * 6 + 8, out.size());
        out.reset();
        out.startObject();
        out.endObject();
        assertEquals("{}", text());
    }
}
