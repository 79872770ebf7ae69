package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.toolbox.TestToolbox;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.UserError;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real images from a small tree with the toolbox's mke2fs, mkfs.vfat and mtools, and inspects them. */
class DiskImageBuilderTest {
    private static final long EPOCH = 1_700_000_000L;

    @TempDir
    Path tmp;

    Path rootfs;
    Toolbox tb;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = TestRootfs.create(tmp);
        tb = TestToolbox.get();
    }

    private DiskImage build(String layout, Path out, long epoch) {
        DiskPlan plan = DiskPlan.of(DiskLayoutFile.parseYaml(layout, "test.yaml"), epoch);
        return new DiskImageBuilder(tb)
                .build(
                        plan,
                        rootfs,
                        rootfs.resolve("boot"),
                        List.of(
                                GeneratedFile.text("/etc/hostname", "board\n"),
                                GeneratedFile.text("/boot/efi/startup.nsh", "x\n")),
                        out);
    }

    @Test
    void buildsSparseGptImageWithBothFilesystems() throws Exception {
        Path out = tmp.resolve("disk.img");
        DiskImage img = build(TestRootfs.LAYOUT, out, EPOCH);
        assertThat(tb.run("sgdisk", "-v", out.toString())).contains("No problems found");
        PlacedPartition efi = img.partitions().get(0);
        PlacedPartition root = img.partitions().get(1);
        assertThat(efi.firstLba()).isEqualTo(2048);
        assertThat(root.firstLba() % 2048).isZero();
        // the file is sparse: far fewer blocks allocated than its length
        long allocated = allocatedBytes(out);
        assertThat(allocated).isLessThan(Files.size(out) / 2);

        String root0 = out + "?offset=" + root.offsetBytes();
        assertThat(tb.run("debugfs", "-R", "cat /etc/hostname", root0)).contains("board");
        assertThat(tb.run("debugfs", "-R", "stat /usr/bin/big-link", root0)).contains("Links: 2");
        assertThat(tb.run("debugfs", "-R", "ls -l /boot/efi", root0)).doesNotContain("EFI");
        assertThat(tb.run("debugfs", "-R", "stat /tmp", root0)).contains("Mode:  01777");
        assertThat(tb.run("debugfs", "-R", "stats", root0))
                .contains("Filesystem UUID:          "
                        + img.plan().partitions().get(1).fsUuid().lower());
        assertThat(Files.readString(rootfs.resolve("etc/hostname"))).isEqualTo("old\n");

        String efi0 = out + "@@" + efi.offsetBytes();
        assertThat(tb.run("mdir", "-i", efi0, "-/", "::/"))
                .contains("BOOTX64  EFI")
                .contains("startup  nsh");
        assertThat(tb.run("minfo", "-i", efi0, "::")).contains("disk label=\"EFI        \"");
    }

    @Test
    void sameInputsAndEpochGiveByteIdenticalImages() throws Exception {
        Path a = tmp.resolve("a.img");
        Path b = tmp.resolve("b.img");
        build(TestRootfs.LAYOUT, a, EPOCH);
        Thread.sleep(1100); // a clock-dependent stamp would now differ
        build(TestRootfs.LAYOUT, b, EPOCH);
        assertThat(sha256(a)).isEqualTo(sha256(b));
        Path c = tmp.resolve("c.img");
        build(TestRootfs.LAYOUT, c, EPOCH + 1);
        assertThat(sha256(c)).isNotEqualTo(sha256(a));
    }

    @Test
    void partitionsThatDoNotFitLeaveNoImage() throws Exception {
        Path out = tmp.resolve("small.img");
        String layout = "size: 40M\n" + TestRootfs.LAYOUT.replace("headroom: 16M", "size: 200M");
        assertThatThrownBy(() -> build(layout, out, EPOCH))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("need 234 MiB")
                .hasMessageContaining("efi 32 MiB, root 200 MiB")
                .hasMessageContaining("40 MiB");
        assertThat(out).doesNotExist();
        try (var s = Files.list(tmp)) {
            assertThat(s.map(Path::toString)).noneMatch(n -> n.contains("small.img"));
        }
    }

    @Test
    void fixedPartitionSmallerThanItsContentIsRefusedWithSizes() {
        String layout = TestRootfs.LAYOUT.replace("headroom: 16M", "size: 2M");
        assertThatThrownBy(() -> build(layout, tmp.resolve("x.img"), EPOCH))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Partition root is 2 MiB but its contents need about");
    }

    @Test
    void convertsToQcow2() throws Exception {
        Path out = tmp.resolve("disk.img");
        build(TestRootfs.LAYOUT, out, EPOCH);
        Path q = tmp.resolve("disk.qcow2");
        new DiskImageBuilder(tb).toQcow2(out, q);
        assertThat(tb.run("qemu-img", "info", q.toString())).contains("file format: qcow2");
        assertThat(tb.run("qemu-img", "compare", out.toString(), q.toString())).contains("Images are identical");
    }

    /** st_blocks * 512, from coreutils' stat (Java does not expose st_blocks). */
    static long allocatedBytes(Path p) throws Exception {
        Process pr = new ProcessBuilder("stat", "-c", "%b", p.toString()).start();
        return Long.parseLong(new String(pr.getInputStream().readAllBytes()).strip()) * 512;
    }

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
