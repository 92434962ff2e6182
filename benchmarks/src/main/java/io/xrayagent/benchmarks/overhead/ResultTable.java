package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's markdown table: one row per figure, one column per variant, each cell the median over the
 * rounds with [min–max] when there are several, and for the agents the difference from no agent in
 * parentheses. The last column holds the aim for xray-agent at 100% sampling against no agent, and whether
 * the medians meet it.
 */
final class ResultTable {
    private static final double KB = 1024;
    private static final double MB = 1024 * 1024;

    /** How a row compares an agent with no agent. */
    private enum Compare { DIFFERENCE, RATIO, NONE }

    private record Row(String label, String format, Compare compare, String aim, AimCheck check, Values values) {
    }

    private interface Values {
        /** Sorted values of the variant, or an empty array where the row does not apply. */
        double[] of(Variant variant);
    }

    private interface AimCheck {
        boolean met(double agent, double baseline);
    }

    private final List<Variant> variants;
    private final Map<String, List<RunFigures>> runs = new LinkedHashMap<>();
    private final Map<String, List<Double>> helloWorlds = new LinkedHashMap<>();

    ResultTable(List<Variant> variants) {
        this.variants = variants;
        for (Variant variant : variants) {
            runs.put(variant.key(), new ArrayList<>());
            helloWorlds.put(variant.key(), new ArrayList<>());
        }
    }

    void add(Variant variant, RunFigures figures) {
        runs.get(variant.key()).add(figures);
    }

    void addHelloWorld(Variant variant, double millis) {
        helloWorlds.get(variant.key()).add(millis);
    }

    String markdown() {
        List<Row> rows = List.of(
                new Row("JVM start to first response (ms)", "%,.0f", Compare.DIFFERENCE, "≤ +250 ms", (a, b) -> a - b <= 250,
                        run(RunFigures::startupMillis, 1)),
                new Row("hello-world `main`, start to exit (ms)", "%,.0f", Compare.DIFFERENCE, "≤ +120 ms",
                        (a, b) -> a - b <= 120, v -> sorted(helloWorlds.get(v.key()))),
                new Row("throughput (requests/s)", "%,.0f", Compare.RATIO, "≥ 0.97x", (a, b) -> a / b >= 0.97,
                        run(RunFigures::requestsPerSecond, 1)),
                new Row("latency p50 (ms)", "%.2f", Compare.DIFFERENCE, null, null, run(RunFigures::p50Millis, 1)),
                new Row("latency p99 (ms)", "%.2f", Compare.DIFFERENCE, null, null, run(RunFigures::p99Millis, 1)),
                new Row("process CPU per request (µs)", "%.1f", Compare.DIFFERENCE, "≤ +10 µs", (a, b) -> a - b <= 10,
                        run(RunFigures::cpuMicrosPerRequest, 1)),
                new Row("of it, JIT compiler threads (µs)", "%.1f", Compare.DIFFERENCE, null, null,
                        run(RunFigures::jitMicrosPerRequest, 1)),
                new Row("allocated per request (KB)", "%.1f", Compare.DIFFERENCE, "≤ +1.5 KB", (a, b) -> a - b <= 1.5,
                        run(RunFigures::allocatedBytesPerRequest, KB)),
                new Row("RSS after load (MB)", "%,.0f", Compare.DIFFERENCE, "≤ +15 MB", (a, b) -> a - b <= 15,
                        run(RunFigures::rssBytes, MB)),
                new Row("loaded classes", "%,.0f", Compare.DIFFERENCE, null, null, run(RunFigures::loadedClasses, 1)),
                new Row("agent jar (MB)", "%.2f", Compare.NONE, "< 3 MB", (a, b) -> a < 3, ResultTable::jarSize),
                new Row("segments received per request", "%.1f%%", Compare.NONE, "every request", (a, b) -> a >= 99,
                        v -> v.tracesToDaemon() ? sortedOf(runs.get(v.key()), f -> 100 * f.segmentsPerRequest()) : new double[0]));

        Variant baseline = find(Variant.NO_AGENT);
        Variant judged = find(Variant.XRAY_ALL);
        StringBuilder table = new StringBuilder();
        table.append("| |");
        variants.forEach(v -> table.append(' ').append(v.name()).append(" |"));
        table.append(" aim for xray-agent at 100% |\n|---|");
        variants.forEach(v -> table.append("---|"));
        table.append("---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.label()).append(" |");
            for (Variant variant : variants) {
                table.append(' ').append(cell(row, variant, variant == baseline ? null : baseline)).append(" |");
            }
            table.append(' ').append(verdict(row, judged, baseline)).append(" |\n");
        }
        return table.toString();
    }

    private String cell(Row row, Variant variant, Variant baseline) {
        double[] values = row.values().of(variant);
        if (values.length == 0) {
            return "-";
        }
        double median = median(values);
        StringBuilder cell = new StringBuilder(format(row.format(), median));
        if (values.length > 1 && values[0] != values[values.length - 1]) {
            cell.append(" [").append(format(row.format(), values[0])).append('–')
                    .append(format(row.format(), values[values.length - 1])).append(']');
        }
        double[] base = baseline == null ? new double[0] : row.values().of(baseline);
        if (base.length > 0 && row.compare() != Compare.NONE) {
            double reference = median(base);
            cell.append(" (").append(row.compare() == Compare.RATIO
                    ? format("%.2fx", median / reference)
                    : signed(row.format(), median - reference)).append(')');
        }
        return cell.toString();
    }

    private String verdict(Row row, Variant judged, Variant baseline) {
        if (row.aim() == null) {
            return "-";
        }
        if (judged == null) {
            return row.aim();
        }
        double[] agent = row.values().of(judged);
        double[] base = baseline == null ? new double[0] : row.values().of(baseline);
        if (agent.length == 0 || (row.compare() != Compare.NONE && base.length == 0)) {
            return row.aim();
        }
        boolean met = row.check().met(median(agent), base.length == 0 ? Double.NaN : median(base));
        return row.aim() + (met ? ": met" : ": **missed**");
    }

    private Values run(ToDoubleFunction<RunFigures> figure, double unit) {
        return v -> sortedOf(runs.get(v.key()), f -> figure.applyAsDouble(f) / unit);
    }

    private static double[] jarSize(Variant variant) {
        try {
            return variant.agentJar() == null ? new double[0] : new double[] {Files.size(variant.agentJar()) / MB};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Variant find(String key) {
        return variants.stream().filter(v -> v.key().equals(key)).findFirst().orElse(null);
    }

    private static double[] sortedOf(List<RunFigures> figures, ToDoubleFunction<RunFigures> value) {
        return figures.stream().mapToDouble(value).sorted().toArray();
    }

    private static double[] sorted(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A difference with its sign, where one that rounds to zero is "+0" rather than "-0". */
    private static String signed(String format, double difference) {
        String text = format(format.replace("%", "%+"), difference);
        return text.matches("-[0.]+") ? "+" + text.substring(1) : text;
    }

    private static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
