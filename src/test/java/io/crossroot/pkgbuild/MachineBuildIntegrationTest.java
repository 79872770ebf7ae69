package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.cli.Main;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.sandbox.ChrootSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `pkg bench --modes user,system`: the accel-probe package built in a riscv64 qemu-system virtual machine booted
 * from its build root (with trixie's kernel) gives the .debs of the qemu-user build, byte for byte, and its probes
 * saw the target; the machine's files leave nothing behind.
 */
@Tag("pkgbuild")
class MachineBuildIntegrationTest {
    @Test
    void aBuildInAVirtualMachineGivesTheQemuUserBuildsPackages(@TempDir Path out) throws Exception {
        assumeTrue(ChrootSandbox.available(), "needs root and unshare");
        Path tree = PkgFixtures.probeTree(out.resolve("crossroot-accel-probe-1.0"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.run(
                new PrintWriter(o, true),
                new PrintWriter(e, true),
                "pkg",
                "bench",
                "--arch",
                "riscv64",
                "--suite",
                "trixie",
                "-j2",
                "--modes",
                "user,system",
                "--json",
                "-o",
                out.resolve("bench").toString(),
                tree.toString());
        assertThat(rc).as(e.toString()).isZero();
        JsonNode row = new ObjectMapper().readTree(o.toString()).get(0);
        assertThat(row.path("identity").path("system").asText())
                .as(o.toString())
                .startsWith("identical: ");

        Path machine = out.resolve("bench/riscv64-system");
        assertThat(Files.readString(machine.resolve("crossroot-accel-probe_1.0_riscv64.build")))
                .contains("accel: off: the build runs in a qemu-system virtual machine")
                .contains("machine: booting qemu-system-riscv64")
                .contains("machine: copied out crossroot-accel-probe_1.0_riscv64.deb")
                .containsPattern("exit status 0 after \\d+ s");
        Path probe = out.resolve("probe.txt");
        DebFile.of(machine.resolve("crossroot-accel-probe_1.0_riscv64.deb"))
                .extract("usr/share/crossroot-accel-probe/probe.txt", probe);
        assertThat(Files.readAllLines(probe))
                .contains("uname -m: riscv64", "dpkg --print-architecture: riscv64", "cross compiling... no")
                .anyMatch(l -> l.matches("python EXT_SUFFIX: \\.cpython-3[0-9]+-riscv64-linux-gnu\\.so"));
        try (var left = Files.list(io.crossroot.util.Dirs.cache().resolve("pkgbuild/roots/work"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("crossroot-accel-probe")))
                    .as("the build roots and machine disks are deleted")
                    .isEmpty();
        }
    }
}
