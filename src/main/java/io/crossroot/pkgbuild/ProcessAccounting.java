package io.crossroot.pkgbuild;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an accelerated build's processor time went, by program, native or emulated: read from the kernel's process
 * accounting (acct(2), version 3 records), which the build turns on for its own PID namespace only, so it costs the
 * build nothing but a 64-byte record per exiting process and sees no other process of the host. Times are processor
 * seconds (user + system, an emulated program's translation included): unlike wall times they add up across
 * programs that run inside one another or side by side.
 */
final class ProcessAccounting {
    private static final int RECORD = 64;
    private static final int VERSION = 3;
    /** comp_t times count in these units per second (the kernel's AHZ). */
    private static final double TICKS = 100.0;

    /** One program's share: processes that ran it and their processor seconds. */
    record Program(String name, boolean nativeTwin, int runs, double seconds) {}

    private ProcessAccounting() {}

    /**
     * The programs in the accounting file {@code file}, most expensive first; {@code nativeNames} are the file
     * names (and their aliases) that ran as native twins. Records of another format are skipped.
     */
    static List<Program> read(Path file, Set<String> nativeNames) throws IOException {
        byte[] data = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (int at = 0; at + RECORD <= data.length; at += RECORD) {
            if (b.get(at + 1) != VERSION) {
                continue;
            }
            double seconds = (compT(b.getShort(at + 32)) + compT(b.getShort(at + 34))) / TICKS;
            String name = comm(data, at + 48);
            double[] sum = byName.computeIfAbsent(name, n -> new double[2]);
            sum[0]++;
            sum[1] += seconds;
        }
        List<Program> out = new ArrayList<>();
        byName.forEach((name, sum) -> out.add(new Program(name, nativeNames.contains(name), (int) sum[0], sum[1])));
        out.sort(Comparator.comparingDouble(Program::seconds).reversed().thenComparing(Program::name));
        return out;
    }

    /** comp_t: a 13-bit mantissa and a 3-bit base-8 exponent. */
    static long compT(short value) {
        int v = value & 0xffff;
        return (long) (v & 0x1fff) << (3 * (v >>> 13));
    }

    private static String comm(byte[] data, int from) {
        int end = from;
        while (end < from + 16 && data[end] != 0) {
            end++;
        }
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }

    /** The log's lines: the split, then the {@code top} most expensive programs. */
    static List<String> summary(List<Program> programs, int top) {
        double nativeSeconds = 0;
        double emulatedSeconds = 0;
        int nativeRuns = 0;
        int emulatedRuns = 0;
        for (Program p : programs) {
            if (p.nativeTwin()) {
                nativeSeconds += p.seconds();
                nativeRuns += p.runs();
            } else {
                emulatedSeconds += p.seconds();
                emulatedRuns += p.runs();
            }
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(
                "processor time: native %.1f s in %d processes, emulated %.1f s in %d processes",
                nativeSeconds, nativeRuns, emulatedSeconds, emulatedRuns));
        out.add(String.format("%-16s %-8s %7s %9s", "PROGRAM", "RUNS AS", "RUNS", "SECONDS"));
        for (Program p : programs.subList(0, Math.min(top, programs.size()))) {
            out.add(String.format(
                    "%-16s %-8s %7d %9.1f", p.name(), p.nativeTwin() ? "native" : "emulated", p.runs(), p.seconds()));
        }
        return out;
    }
}
