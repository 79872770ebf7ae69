package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Digests;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.util.Dirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crossroot lock}, then two real minbase riscv64 builds from that lock, each in its own JVM, with the same
 * SOURCE_DATE_EPOCH but another cache
 * directory, temporary directory, umask, maintainer-script parallelism and clock (faketime), give byte-identical
 * outputs: the rootfs tar, every blob of the OCI layout, and the raw and qcow2 disk images (ext4 root and a FAT
 * partition). Each side runs the same steps ({@link #STEPS}), so a further option for every build goes there.
 */
@Tag("rootfs")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReproducibleOutputsTest {
    private static final String EPOCH = "1700000000";

    /** Run once before both sides: the package set every step installs with --locked. */
    private static final List<String> LOCK =
            List.of("lock", "--arch", "riscv64", "--variant", "minbase", "--include=", "-o", "{LOCK}");

    /** What one side runs, in order; {@code {J}} is its -j, {@code {DIR}} its output directory. */
    private static final List<List<String>> STEPS = List.of(
            // --fresh: the scripts run on this side's -j, not a root an earlier build cached
            List.of(
                    "rootfs",
                    "--arch",
                    "riscv64",
                    "--variant",
                    "minbase",
                    "--fresh",
                    "--locked",
                    "{LOCK}",
                    "-j",
                    "{J}",
                    "-o",
                    "{DIR}/root.tar"),
            // the same root as a directory for the disk, copied from this side's configured-root cache
            List.of(
                    "rootfs",
                    "--arch",
                    "riscv64",
                    "--variant",
                    "minbase",
                    "--locked",
                    "{LOCK}",
                    "-j",
                    "{J}",
                    "-o",
                    "{DIR}/root"),
            List.of(
                    "image",
                    "build",
                    "--arch",
                    "riscv64",
                    "--rootfs",
                    "{DIR}/root.tar",
                    "--locked",
                    "{LOCK}",
                    "-o",
                    "{DIR}/oci"),
            List.of(
                    "disk",
                    "build",
                    "--rootfs",
                    "{DIR}/root",
                    "--layout",
                    "{LAYOUT}",
                    "--locked",
                    "{LOCK}",
                    "--qcow2",
                    "-o",
                    "{DIR}/disk.img"));

    /** One side's conditions. */
    private record Side(String name, Path cache, String umask, int jobs, String faketimeOffset) {}

    @TempDir
    static Path tmp;

    private Path layout;
    private Path lock;
    private Path a;
    private Path b;

    @BeforeAll
    void buildTwice() throws Exception {
        // the disk's tools come from a cache; the second one links to the first's toolbox, pinned by hash, rather
        // than fetching the same hundreds of MiB again
        TestToolbox.get();
        Path otherCache = Files.createDirectories(tmp.resolve("other-cache"));
        Files.createSymbolicLink(otherCache.resolve("toolbox"), Dirs.cache().resolve("toolbox"));
        // a FAT partition with subdirectories (its directory order and times) beside the ext4 root
        layout = Files.writeString(tmp.resolve("layout.yaml"), """
                table: gpt
                partitions:
                  - {name: apt, type: linux, filesystem: vfat, mountpoint: /etc/apt}
                  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 32M}
                """);
        lock = tmp.resolve("crossroot.lock");
        Side sideA = new Side("a", Dirs.cache(), "022", 1, null);
        run(sideA, Files.createDirectories(tmp.resolve("lock")), List.of(LOCK));
        a = build(sideA);
        b = build(new Side("b", otherCache, "077", 3, "+3d 7h"));
    }

    private Path build(Side side) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve(side.name()));
        run(side, dir, STEPS);
        return dir;
    }

    private void run(Side side, Path dir, List<List<String>> steps) throws IOException, InterruptedException {
        Path sideTmp = Files.createDirectories(tmp.resolve(side.name() + "-tmp"));
        for (List<String> step : steps) {
            List<String> args = step.stream()
                    .map(s -> s.replace("{J}", Integer.toString(side.jobs()))
                            .replace("{DIR}", dir.toString())
                            .replace("{LAYOUT}", layout.toString())
                            .replace("{LOCK}", lock.toString()))
                    .toList();
            List<String> command = new ArrayList<>(List.of("sh", "-c", "umask \"$1\"; shift; exec \"$@\"", "sh"));
            command.add(side.umask());
            if (side.faketimeOffset() != null) {
                command.addAll(List.of("faketime", "-f", side.faketimeOffset()));
            }
            command.addAll(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Djava.io.tmpdir=" + sideTmp,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("crossroot.out").toFile());
            pb.environment().put("SOURCE_DATE_EPOCH", EPOCH);
            pb.environment().put("CROSSROOT_CACHE", side.cache().toString());
            pb.environment().put("TMPDIR", sideTmp.toString());
            pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1"); // the JVM's timers stay sane
            int code = pb.start().waitFor();
            assertThat(code)
                    .as(side + ": crossroot " + String.join(" ", args) + " said:\n"
                            + Files.readString(dir.resolve("crossroot.out"), StandardCharsets.UTF_8))
                    .isZero();
        }
    }

    @Test
    void rootfsTarsAreByteIdentical() throws IOException {
        assertSameBytes("root.tar");
    }

    @Test
    void ociLayoutsHoldTheSameBlobs() throws IOException {
        Map<String, String> blobsA = digests(a.resolve("oci"));
        assertThat(digests(b.resolve("oci"))).isEqualTo(blobsA);
        assertThat(blobsA.keySet()).anyMatch(f -> f.startsWith("blobs/sha256/"));
    }

    @Test
    void rawAndQcow2DisksAreByteIdentical() throws IOException {
        assertSameBytes("disk.img");
        assertSameBytes("disk.qcow2");
    }

    private void assertSameBytes(String file) throws IOException {
        assertThat(a.resolve(file)).isRegularFile();
        assertThat(sha256(b.resolve(file))).as(file + " of the two builds").isEqualTo(sha256(a.resolve(file)));
    }

    private static String sha256(Path file) throws IOException {
        return Digests.hexOf(file, Digests.sha256());
    }

    /** Every file of a layout by its path inside it, with its SHA-256. */
    private static Map<String, String> digests(Path layout) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(layout)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(layout.relativize(f).toString(), sha256(f));
            }
        }
        return out;
    }
}
