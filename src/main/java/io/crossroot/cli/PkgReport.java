package io.crossroot.cli;

import io.crossroot.pkgbuild.BatchBuilder;
import io.crossroot.pkgbuild.CpuTimes;
import io.crossroot.pkgbuild.PackageBuildResult;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Tables and JSON for `pkg build` and `pkg bench`. */
final class PkgReport {
    private PkgReport() {}

    static String seconds(Duration d) {
        return d == null ? "-" : String.format("%.1f", d.toMillis() / 1000.0);
    }

    static List<List<String>> phaseRows(PackageBuildResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (String p : PackageBuildResult.PHASES) {
            if (r.timings().containsKey(p)) {
                rows.add(List.of(p, seconds(r.timings().get(p))));
            }
        }
        if (r.cpu() != null && r.cpu().user() != null) {
            rows.add(List.of(
                    "build cpu (user+sys)",
                    seconds(r.cpu().user()) + " + " + seconds(r.cpu().sys())));
        }
        return rows;
    }

    static Map<String, Object> json(PackageBuildResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", r.name());
        m.put("version", r.version());
        m.put("arch", r.arch());
        m.put("ok", r.ok());
        m.put("artifacts", r.artifacts().stream().map(Path::toString).toList());
        m.put("log", r.log().toString());
        Map<String, Double> t = new LinkedHashMap<>();
        PackageBuildResult.PHASES.stream()
                .filter(r.timings()::containsKey)
                .forEach(p -> t.put(p, r.timings().get(p).toMillis() / 1000.0));
        m.put("timings", t);
        if (r.cpu() != null) {
            m.put("build", cpuJson(r.cpu()));
        }
        if (r.keptRoot() != null) {
            m.put("root", r.keptRoot().toString());
        }
        return m;
    }

    private static Map<String, Double> cpuJson(CpuTimes c) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("wall", c.wall().toMillis() / 1000.0);
        if (c.user() != null) {
            m.put("user", c.user().toMillis() / 1000.0);
            m.put("sys", c.sys().toMillis() / 1000.0);
        }
        return m;
    }

    static Map<String, Object> json(BatchBuilder.Entry e) {
        Map<String, Object> m = e.result() != null ? json(e.result()) : new LinkedHashMap<>();
        m.put("source", e.source());
        if (e.error() != null) {
            m.put("ok", false);
            m.put("error", e.error());
        }
        return m;
    }

    /** A bench row: per mode whether it built, the medians, and each run's result; then the identity notes. */
    static Map<String, Object> json(BenchRow r) {
        Map<String, Object> modes = new LinkedHashMap<>();
        r.outcomes().forEach((mode, o) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", o.ok());
            if (o.error() != null) {
                m.put("error", o.error());
            }
            if (o.cpu() != null) {
                m.put("median", cpuJson(o.cpu()));
            }
            m.put("runs", o.results().stream().map(PkgReport::json).toList());
            modes.put(mode.name().toLowerCase(java.util.Locale.ROOT), m);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.source());
        m.put("arch", r.arch());
        m.put("host", r.host());
        m.put("modes", modes);
        m.put("identity", r.identity());
        return m;
    }

    static List<List<String>> summaryRows(List<BatchBuilder.Entry> entries) {
        List<List<String>> rows = new ArrayList<>();
        for (BatchBuilder.Entry e : entries) {
            PackageBuildResult r = e.result();
            rows.add(List.of(
                    r != null ? r.name() + " " + r.version() : e.source(),
                    r == null ? "error" : r.ok() ? "ok" : "FAILED",
                    r == null ? "-" : seconds(r.timings().get("total")) + " s",
                    r == null ? "-" : r.artifacts().size() + " files"));
        }
        return rows;
    }

    /**
     * A mode's builds for the bench, one per run: their results, and why the mode could not run (e.g. no root for
     * that architecture) when it could not.
     */
    record Outcome(List<PackageBuildResult> results, String error) {
        Outcome {
            results = List.copyOf(results);
        }

        boolean ok() {
            return error == null && !results.isEmpty() && results.stream().allMatch(PackageBuildResult::ok);
        }

        /** The median of each time over the runs; null unless every run succeeded. */
        CpuTimes cpu() {
            if (!ok()) {
                return null;
            }
            return new CpuTimes(median(CpuTimes::wall), median(CpuTimes::user), median(CpuTimes::sys));
        }

        private Duration median(Function<CpuTimes, Duration> time) {
            List<Duration> values = results.stream()
                    .map(PackageBuildResult::cpu)
                    .filter(c -> c != null && time.apply(c) != null)
                    .map(time)
                    .sorted()
                    .toList();
            if (values.isEmpty()) {
                return null;
            }
            int half = values.size() / 2;
            return values.size() % 2 == 1
                    ? values.get(half)
                    : values.get(half - 1).plus(values.get(half)).dividedBy(2);
        }

        /** The first run that failed, else the first. */
        PackageBuildResult shown() {
            return results.stream().filter(r -> !r.ok()).findFirst().orElse(results.get(0));
        }
    }

    /**
     * Whether the accelerated and the virtual machine's builds (their first runs) gave the same .deb files as the
     * plainly emulated one, byte for byte, by mode ("accel", "system"); empty when the bench did not make them.
     */
    static Map<String, String> identity(Map<BenchMode, Outcome> outcomes) {
        Map<String, String> out = new LinkedHashMap<>();
        Outcome user = outcomes.get(BenchMode.USER);
        if (user == null || !user.ok()) {
            return out;
        }
        for (BenchMode mode : List.of(BenchMode.ACCEL, BenchMode.SYSTEM)) {
            Outcome other = outcomes.get(mode);
            if (other != null && other.ok()) {
                out.put(mode.name().toLowerCase(java.util.Locale.ROOT), sameDebs(user, other));
            }
        }
        return out;
    }

    private static String sameDebs(Outcome user, Outcome other) {
        try {
            Map<String, byte[]> plain = debs(user.results().get(0));
            Map<String, byte[]> fast = debs(other.results().get(0));
            List<String> differ = new ArrayList<>();
            for (String name : new TreeSet<>(plain.keySet())) {
                if (!fast.containsKey(name) || !Arrays.equals(plain.get(name), fast.get(name))) {
                    differ.add(name);
                }
            }
            fast.keySet().stream().filter(n -> !plain.containsKey(n)).forEach(differ::add);
            return differ.isEmpty()
                    ? "identical: " + plain.size() + " .deb files, byte for byte"
                    : "differ: " + String.join(", ", differ) + " (compare them with diffoscope)";
        } catch (IOException e) {
            return "not compared: " + e.getMessage();
        }
    }

    private static Map<String, byte[]> debs(PackageBuildResult result) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (Path artifact : result.artifacts()) {
            if (artifact.getFileName().toString().endsWith(".deb")) {
                out.put(artifact.getFileName().toString(), Files.readAllBytes(artifact));
            }
        }
        return out;
    }

    /**
     * How `pkg bench` builds: natively for the host, plainly emulated, emulated with native twins, or in a
     * qemu-system virtual machine.
     */
    enum BenchMode {
        NATIVE,
        USER,
        ACCEL,
        SYSTEM;

        static BenchMode parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("Unknown bench mode '" + name + "'. Choose from native, user, accel and system.");
            }
        }

        String label(String arch, String host) {
            return switch (this) {
                case NATIVE -> "NATIVE (" + host + ")";
                case USER -> "QEMU-USER (" + arch + ")";
                case ACCEL -> "ACCEL (" + arch + ")";
                case SYSTEM -> "QEMU-SYSTEM (" + arch + ")";
            };
        }
    }

    /** One source's builds, by mode, in the order asked. */
    record BenchRow(
            String source, String arch, String host, Map<BenchMode, Outcome> outcomes, Map<String, String> identity) {}

    /** The ratios the table shows: each slower mode against a faster one, when both were asked for. */
    private static final List<List<BenchMode>> RATIOS = List.of(
            List.of(BenchMode.USER, BenchMode.ACCEL),
            List.of(BenchMode.ACCEL, BenchMode.NATIVE),
            List.of(BenchMode.USER, BenchMode.NATIVE),
            List.of(BenchMode.SYSTEM, BenchMode.USER),
            List.of(BenchMode.SYSTEM, BenchMode.ACCEL));

    static List<String> benchHeader(String arch, String host, List<BenchMode> modes) {
        List<String> out = new ArrayList<>(List.of("PACKAGE", "TIME"));
        modes.forEach(m -> out.add(m.label(arch, host)));
        ratios(modes).forEach(r -> out.add(r.get(0) + "/" + r.get(1)));
        return out;
    }

    private static List<List<BenchMode>> ratios(List<BenchMode> modes) {
        return RATIOS.stream().filter(modes::containsAll).toList();
    }

    static List<List<String>> benchRows(List<BenchRow> rows, List<BenchMode> modes) {
        List<List<String>> out = new ArrayList<>();
        for (BenchRow r : rows) {
            addMetric(out, r, modes, "wall", CpuTimes::wall);
            addMetric(out, r, modes, "user", CpuTimes::user);
            addMetric(out, r, modes, "sys", CpuTimes::sys);
        }
        return out;
    }

    private static void addMetric(
            List<List<String>> out, BenchRow r, List<BenchMode> modes, String metric, Function<CpuTimes, Duration> f) {
        Map<BenchMode, Duration> values = new java.util.EnumMap<>(BenchMode.class);
        r.outcomes().forEach((mode, o) -> {
            if (o.cpu() != null && f.apply(o.cpu()) != null) {
                values.put(mode, f.apply(o.cpu()));
            }
        });
        List<String> row = new ArrayList<>(List.of(metric.equals("wall") ? r.source() : "", metric));
        modes.forEach(m -> row.add(cell(r.outcomes().get(m), values.get(m))));
        for (List<BenchMode> ratio : ratios(modes)) {
            Duration slow = values.get(ratio.get(0));
            Duration fast = values.get(ratio.get(1));
            row.add(
                    slow == null || fast == null || fast.isZero()
                            ? "-"
                            : String.format("%.1fx", slow.toMillis() / (double) fast.toMillis()));
        }
        out.add(row);
    }

    private static String cell(Outcome o, Duration d) {
        if (!o.ok()) {
            return o.error() == null ? "failed" : "n/a";
        }
        return d == null ? "-" : seconds(d) + " s";
    }

    static List<String> benchNotes(BenchRow r) {
        List<String> notes = new ArrayList<>();
        r.outcomes()
                .forEach(
                        (mode, o) -> note(notes, r.source() + " " + mode.name().toLowerCase(java.util.Locale.ROOT), o));
        r.identity()
                .forEach((mode, result) ->
                        notes.add(r.source() + ": the user and " + mode + " builds' .debs: " + result));
        return notes;
    }

    private static void note(List<String> notes, String what, Outcome o) {
        if (o.error() != null) {
            notes.add(what + ": not built: " + o.error());
        } else if (!o.ok()) {
            notes.add(what + ": failed, log " + o.shown().log());
        }
    }
}
