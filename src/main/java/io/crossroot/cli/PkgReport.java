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

    record BenchRow(String source, String arch, String host, Outcome emulated, Outcome nativ) {}

    static List<String> benchHeader(String arch, String host) {
        return List.of("PACKAGE", "TIME", "QEMU-USER (" + arch + ")", "NATIVE (" + host + ")", "RATIO", "QEMU-SYSTEM");
    }

    static List<List<String>> benchRows(List<BenchRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (BenchRow r : rows) {
            addMetric(out, r, "wall", CpuTimes::wall);
            addMetric(out, r, "user", CpuTimes::user);
            addMetric(out, r, "sys", CpuTimes::sys);
        }
        return out;
    }

    private static void addMetric(List<List<String>> out, BenchRow r, String metric, Function<CpuTimes, Duration> f) {
        Duration emu = r.emulated().cpu() == null ? null : f.apply(r.emulated().cpu());
        Duration nat = r.nativ().cpu() == null ? null : f.apply(r.nativ().cpu());
        String ratio = emu == null || nat == null || nat.isZero()
                ? "-"
                : String.format("%.1fx", emu.toMillis() / (double) nat.toMillis());
        // qemu-system needs a bootable image with build tools; crossroot has none yet
        out.add(List.of(
                metric.equals("wall") ? r.source() : "",
                metric,
                cell(r.emulated(), emu),
                cell(r.nativ(), nat),
                ratio,
                "n/a"));
    }

    private static String cell(Outcome o, Duration d) {
        if (!o.ok()) {
            return o.result() != null ? "failed" : "n/a";
        }
        return d == null ? "-" : seconds(d) + " s";
    }

    static List<String> benchNotes(BenchRow r) {
        List<String> notes = new ArrayList<>();
        note(notes, r.source() + " " + r.arch(), r.emulated());
        note(notes, r.source() + " " + r.host(), r.nativ());
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
