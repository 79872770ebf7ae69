package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.cli.Main;
import io.crossroot.sandbox.ChrootSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hello built accelerated and plainly emulated for riscv64 gives the same .debs, dbgsym included (about 15 minutes
 * on 2 cores): mvn -Pacceptance -Dtest=AcceleratedHelloAcceptanceTest.
 */
@Tag("acceptance")
class AcceleratedHelloAcceptanceTest {
    @TempDir
    Path out;

    @Test
    void helloIsTheSameAcceleratedAndEmulated() throws IOException {
        assumeTrue(ChrootSandbox.available(), "needs root and unshare");
        build(out.resolve("accel"));
        build(out.resolve("plain"), "--no-accel");
        Map<String, byte[]> accel = debs(out.resolve("accel"));
        Map<String, byte[]> plain = debs(out.resolve("plain"));
        assertThat(accel.keySet())
                .contains("hello_2.12.3-1_riscv64.deb", "hello-dbgsym_2.12.3-1_riscv64.deb")
                .isEqualTo(plain.keySet());
        accel.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(plain.get(name)));
    }

    private static void build(Path output, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "sid",
                "--snapshot",
                "--profiles",
                "nocheck",
                "-j2",
                "-o",
                output.toString()));
        args.addAll(List.of(options));
        args.add("hello");
        StringWriter err = new StringWriter();
        int rc = Main.run(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(rc).as(err.toString()).isZero();
    }

    private static Map<String, byte[]> debs(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".deb")).toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }
}
