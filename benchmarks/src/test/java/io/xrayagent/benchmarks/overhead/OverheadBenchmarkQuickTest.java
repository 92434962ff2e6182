package io.xrayagent.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The overhead benchmark's quick mode runs end to end (real JVMs, wrk, the built agent jars) and prints a complete
 * table. It checks that every figure is there, not what the figures are: timings of a shared machine say nothing.
 */
class OverheadBenchmarkQuickTest {
    private static final Pattern NUMBER = Pattern.compile("^(-?[0-9][0-9,]*(\\.[0-9]+)?)");
    private static final List<String> ROWS = List.of("JVM start to first response (ms)", "hello-world `main`, start to exit (ms)",
            "throughput (requests/s)", "latency p50 (ms)", "latency p99 (ms)", "process CPU per request (µs)",
            "of it, JIT compiler threads (µs)", "allocated per request (KB)", "RSS after load (MB)", "loaded classes", "agent jar (MB)",
            "segments received per request");

    @Test
    void quickModePrintsACompleteTable() throws Exception {
        String table = OverheadBenchmark.run(Options.parse("--quick"), System.out);
        System.out.println(table);

        List<String> lines = table.strip().lines().toList();
        List<String> header = cells(lines.get(0));
        assertEquals(List.of("", "no agent", "xray-agent, 100% sampled", "xray-agent, default sampling"), header.subList(0, 4), table);
        assertTrue(header.get(4).startsWith("OpenTelemetry ") && header.get(4).endsWith(", exporters none"), table);
        assertEquals("aim for xray-agent at 100%", header.get(5), table);

        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            assertEquals(6, cells.size(), line);
            rows.put(cells.get(0), cells.subList(1, 6));
        }
        assertEquals(ROWS, new ArrayList<>(rows.keySet()), table);

        for (String row : ROWS.subList(0, 10)) {
            for (String cell : rows.get(row).subList(0, 4)) {
                assertTrue(number(cell) >= 0, row + ": " + cell);
            }
        }
        List<String> jar = rows.get("agent jar (MB)");
        assertEquals("-", jar.get(0));
        for (String cell : jar.subList(1, 4)) {
            assertTrue(number(cell) > 0, "agent jar: " + cell);
        }
        List<String> segments = rows.get("segments received per request");
        assertEquals(List.of("-", "-"), List.of(segments.get(0), segments.get(3)), table);
        assertTrue(number(segments.get(1)) > 0, "no segment reached the daemon stand-in at 100% sampling:\n" + table);
        assertTrue(number(segments.get(2)) > 0, "no segment reached the daemon stand-in at default sampling:\n" + table);

        for (String row : ROWS) {
            String aim = rows.get(row).get(4);
            boolean judged = aim.endsWith(": met") || aim.endsWith(": **missed**");
            assertTrue(aim.equals("-") != judged, row + ": " + aim);
        }
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        assertTrue(inner.startsWith("|") && inner.endsWith("|"), line);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.substring(1, inner.length() - 1).split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static double number(String cell) {
        Matcher matcher = NUMBER.matcher(cell);
        assertTrue(matcher.find(), "not a figure: " + cell);
        return Double.parseDouble(matcher.group(1).replace(",", ""));
    }
}
