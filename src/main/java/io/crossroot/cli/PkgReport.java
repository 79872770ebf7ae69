package io.crossroot.cli;

import io.crossroot.pkgbuild.BatchBuilder;
import io.crossroot.pkgbuild.CpuTimes;
import io.crossroot.pkgbuild.PackageBuildRequest;
import io.crossroot.pkgbuild.PackageBuildResult;
import io.crossroot.pkgbuild.PackageBuilder;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A build for the bench: its result, or why it could not run (e.g. no root for that architecture). */
    record Outcome(PackageBuildResult result, String error) {
        boolean ok() {
            return result != null && result.ok();
        }

        CpuTimes cpu() {
            return ok() ? result.cpu() : null;
        }
    }

    static Outcome attempt(PackageBuilder builder, PackageBuildRequest request) {
        try {
            return new Outcome(builder.build(request), null);
        } catch (UserError e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** How `pkg bench` builds: natively for the host, plainly emulated, or emulated with native twins. */
    enum BenchMode {
        NATIVE,
        USER,
        ACCEL;

        static BenchMode parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("Unknown bench mode '" + name + "'. Choose from native, user and accel (the "
                        + "qemu-system mode is not built yet).");
            }
        }

        String label(String arch, String host) {
            return switch (this) {
                case NATIVE -> "NATIVE (" + host + ")";
                case USER -> "QEMU-USER (" + arch + ")";
                case ACCEL -> "ACCEL (" + arch + ")";
            };
        }
    }

    /** One source's builds, by mode, in the order asked. */
    record BenchRow(String source, String arch, String host, Map<BenchMode, Outcome> outcomes) {}

    /** The ratios the table shows: each slower mode against a faster one, when both were asked for. */
    private static final List<List<BenchMode>> RATIOS = List.of(
            List.of(BenchMode.USER, BenchMode.ACCEL),
            List.of(BenchMode.ACCEL, BenchMode.NATIVE),
            List.of(BenchMode.USER, BenchMode.NATIVE));

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
            return o.result() != null ? "failed" : "n/a";
        }
        return d == null ? "-" : seconds(d) + " s";
    }

    static List<String> benchNotes(BenchRow r) {
        List<String> notes = new ArrayList<>();
        r.outcomes()
                .forEach(
                        (mode, o) -> note(notes, r.source() + " " + mode.name().toLowerCase(java.util.Locale.ROOT), o));
        return notes;
    }

    private static void note(List<String> notes, String what, Outcome o) {
        if (o.error() != null) {
            notes.add(what + ": not built: " + o.error());
        } else if (!o.ok()) {
            notes.add(what + ": failed, log " + o.result().log());
        }
    }
}
