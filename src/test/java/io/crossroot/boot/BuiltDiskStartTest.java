package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.cli.Main;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.disk.DiskPlan;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.util.Dirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What 'crossroot build' leaves for its user: disk.img and disk.qcow2 both boot with 'crossroot boot', and
 * start_vm.sh runs from a copy of the output on its own (host QEMU, or 'crossroot boot --interactive'), never
 * from crossroot's cache. The system is Debian trixie's riscv64 kernel with a tiny initramfs whose /init
 * (busybox-static) prints a mark from userspace and powers off, as in {@link KernelInitramfsBootTest}: the disk's
 * root filesystem holds that kernel and initrd, built with the direct-kernel profile as 'crossroot build' does.
 */
@Tag("boot")
@Tag("mirror")
class BuiltDiskStartTest {
    private static final String MARK = "crossroot-disk: userspace up on";
    private static final String EXPECT = MARK + " riscv64";
    private static final String LAYOUT = """
            table: gpt
            partitions:
              - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /, headroom: 8M}
            """;

    @TempDir
    static Path tmp;

    static Path out;

    @BeforeAll
    static void buildDisks() throws Exception {
        DebianRepository repo = TestToolbox.repository("trixie");
        PackageIndex index = PackageIndex.fromParagraphs(repo.packages("main", "riscv64"), "riscv64", "trixie/main");
        String kernelPackage = index.newest("linux-image-riscv64")
                .orElseThrow()
                .depends()
                .get(0)
                .alternatives()
                .get(0)
                .name();
        Path kernel =
                KernelInitramfsBootTest.unpackOne(repo, index, kernelPackage, tmp.resolve("k"), "boot/vmlinux-.*");
        Path busybox = KernelInitramfsBootTest.unpackOne(
                repo, index, "busybox-static", tmp.resolve("b"), "(usr/)?bin/busybox");
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("usr/bin"));
        Files.copy(busybox, rootfs.resolve("usr/bin/dash")); // tells the profile the root's architecture
        Files.createDirectories(rootfs.resolve("boot"));
        String version = kernel.getFileName().toString().substring("vmlinux-".length());
        Files.copy(kernel, rootfs.resolve("boot/vmlinux-" + version));
        Files.write(
                rootfs.resolve("boot/initrd.img-" + version),
                new NewcArchive()
                        .directory("bin")
                        .directory("dev")
                        .charDevice("dev/console", 5, 1)
                        .file("bin/busybox", 0755, Files.readAllBytes(busybox))
                        .symlink("bin/sh", "busybox")
                        .file(
                                "init",
                                0755,
                                ("#!/bin/sh\necho \"" + MARK
                                                + " $(/bin/busybox uname -m)\"\n/bin/busybox poweroff -f\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .finish());
        out = Files.createDirectories(tmp.resolve("out"));
        DiskPlan plan = DiskPlan.of(DiskLayoutFile.parseYaml(LAYOUT, "layout"), 1_700_000_000L);
        new BootableDiskBuilder(TestToolbox.get())
                .build(
                        plan,
                        BootProfile.DIRECT_KERNEL,
                        rootfs,
                        null,
                        rootfs.resolve("boot"),
                        out.resolve("disk.img"),
                        true);
    }

    @Test
    void bothDisksOfABuildBootWithCrossrootBoot() throws Exception {
        assertThat(BootSpec.read(out.resolve("disk.img")).format()).isEqualTo("raw");
        assertThat(BootSpec.read(out.resolve("disk.qcow2")).format()).isEqualTo("qcow2");
        for (String disk : List.of("disk.img", "disk.qcow2")) {
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true),
                    "boot",
                    out.resolve(disk).toString(),
                    "--expect",
                    EXPECT,
                    "--timeout",
                    "240");
            assertThat(code).as(disk + ":\n" + err).isZero();
            assertThat(err.toString()).contains("booted: '" + EXPECT + "' appeared");
        }
    }

    @Test
    void startScriptOfACopyRunsTheHostsQemuWithItsOwnFiles() throws Exception {
        String script = Files.readString(out.resolve(StartScript.NAME));
        assertThat(script).doesNotContain(Dirs.cache().toString()).doesNotContain(out.toString());
        Path copy = copyOutput("copy-host");
        Path bin = fakeQemu();
        Path bios = Files.writeString(tmp.resolve("fw_dynamic.bin"), "firmware\n");
        Result r = runScript(
                copy.resolve(StartScript.NAME),
                Map.of("PATH", bin + ":/usr/bin:/bin", "START_VM_BIOS", bios.toString()),
                "-S");
        assertThat(r.code()).as(r.output()).isZero();
        List<String> seen = r.output().lines().toList();
        assertThat(seen.get(0)).isEqualTo(copy.toRealPath().toString()); // the fake prints its working directory first
        assertThat(String.join(" ", seen.subList(1, seen.size())))
                .contains("-bios " + bios)
                .contains("-kernel disk.qcow2.vmlinuz")
                .contains("-initrd disk.qcow2.initrd")
                .contains("file=disk.qcow2,format=qcow2")
                .doesNotContain(" -L ")
                .endsWith(" -S");
    }

    @Test
    void startScriptSaysWhatItNeedsWhenNothingCanBoot() throws Exception {
        Path copy = copyOutput("copy-bare");
        // a launcher recorded at build time that is gone since
        Files.writeString(
                copy.resolve(StartScript.NAME),
                StartScript.text(
                        BootSpec.read(copy.resolve("disk.qcow2")), Optional.of(tmp.resolve("gone/crossroot"))));
        Result none = runScript(copy.resolve(StartScript.NAME), Map.of("PATH", "/usr/bin:/bin"));
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.output())
                .contains("start_vm.sh: nothing here can boot disk.qcow2")
                .contains("CROSSROOT=/path/to/crossroot")
                .contains("qemu-system-riscv64 (Debian package qemu-system-misc)");

        Result noFirmware = runScript(
                copy.resolve(StartScript.NAME),
                Map.of(
                        "PATH",
                        fakeQemu() + ":/usr/bin:/bin",
                        "START_VM_BIOS",
                        tmp.resolve("no-such-firmware").toString()));
        assertThat(noFirmware.code()).isEqualTo(1);
        assertThat(noFirmware.output())
                .contains("needs the firmware " + tmp.resolve("no-such-firmware"))
                .contains("opensbi package");
    }

    @Test
    void startScriptOfACopyBootsThroughCrossrootBootInteractive() throws Exception {
        Path copy = copyOutput("copy-crossroot");
        Path crossroot = tmp.resolve("crossroot");
        Files.writeString(
                crossroot,
                "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '"
                        + System.getProperty("java.class.path") + "' io.crossroot.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(crossroot, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = runScript(
                copy.resolve(StartScript.NAME), Map.of("PATH", "/usr/bin:/bin", "CROSSROOT", crossroot.toString()));
        assertThat(r.code()).as(r.output()).isZero(); // the init powers off: QEMU ends by itself
        assertThat(r.output()).contains(EXPECT);
    }

    /** The build's output as another machine would get it: the files alone, in another directory. */
    private static Path copyOutput(String name) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve(name));
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** A directory with a qemu-system-riscv64 that prints its working directory and arguments, one a line. */
    private static Path fakeQemu() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
        Path qemu = bin.resolve("qemu-system-riscv64");
        Files.writeString(qemu, "#!/bin/sh\npwd -P\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private record Result(int code, String output) {}

    /** Runs the script from another directory, without crossroot's variables, stdin closed. */
    private static Result runScript(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("CROSSROOT");
        pb.environment().remove("CROSSROOT_LAUNCHER");
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
