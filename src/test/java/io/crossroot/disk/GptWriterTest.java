package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.toolbox.TestToolbox;
import io.crossroot.toolbox.Toolbox;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptWriterTest {
    private static final long SECTORS = 64 * 2048; // 64 MiB

    @TempDir
    Path tmp;

    private Path writeDisk(List<PlacedPartition> parts) throws Exception {
        Path img = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(SECTORS * 512);
        }
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
            GptWriter.write(ch, SECTORS, Guid.parse("12345678-9ABC-DEF0-1234-56789ABCDEF0"), parts);
        }
        return img;
    }

    private static List<PlacedPartition> twoPartitions() {
        return List.of(
                new PlacedPartition(
                        "efi",
                        PartitionType.ESP,
                        Guid.parse("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"),
                        2048,
                        16384,
                        false),
                new PlacedPartition("root", PartitionType.ROOT_RISCV64, Guid.derived("root", 0), 18432, 40960, true));
    }

    @Test
    void guidsUseMixedEndianEncoding() {
        byte[] b = Guid.parse("C12A7328-F81F-11D2-BA4B-00A0C93EC93B").mixedEndianBytes();
        assertThat(java.util.HexFormat.of().formatHex(b)).isEqualTo("28732ac11ff8d211ba4b00a0c93ec93b");
    }

    @Test
    void derivedGuidsAreStableAndDistinct() {
        assertThat(Guid.derived("root", 1)).isEqualTo(Guid.derived("root", 1));
        assertThat(Guid.derived("root", 1))
                .isNotEqualTo(Guid.derived("root", 2))
                .isNotEqualTo(Guid.derived("efi", 1));
        assertThat(Guid.derived("root", 1).uuid().version()).isEqualTo(8);
    }

    @Test
    void primaryAndBackupHeadersMirrorEachOtherWithValidCrcs() throws Exception {
        Path img = writeDisk(twoPartitions());
        byte[] disk = Files.readAllBytes(img);
        ByteBuffer primary = ByteBuffer.wrap(disk, 512, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer backup =
                ByteBuffer.wrap(disk, (int) ((SECTORS - 1) * 512), 512).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(disk, 512, 8, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("EFI PART");
        assertThat(primary.getLong(24)).isEqualTo(1);
        assertThat(primary.getLong(32)).isEqualTo(SECTORS - 1);
        assertThat(backup.getLong(24)).isEqualTo(SECTORS - 1);
        assertThat(backup.getLong(32)).isEqualTo(1);
        assertThat(backup.getLong(72)).isEqualTo(SECTORS - 33);
        for (ByteBuffer h : List.of(primary, backup)) {
            byte[] header = new byte[92];
            h.get(0, header);
            int stored = h.getInt(16);
            java.util.Arrays.fill(header, 16, 20, (byte) 0);
            assertThat(GptWriter.crc32(header, 0, 92)).isEqualTo(stored);
        }
        assertThat(java.util.Arrays.equals(
                        disk, 1024, 1024 + 16384, disk, (int) ((SECTORS - 33) * 512), (int) ((SECTORS - 1) * 512)))
                .isTrue();
        assertThat(disk[446 + 4] & 0xff).isEqualTo(0xee);
    }

    @Test
    void sgdiskAndSfdiskAcceptTheTable() throws Exception {
        Toolbox tb = TestToolbox.get();
        Path img = writeDisk(twoPartitions());
        assertThat(tb.run("sgdisk", "-v", img.toString())).contains("No problems found");
        String dump = tb.run("sfdisk", "--dump", img.toString());
        assertThat(dump)
                .contains("label: gpt")
                .contains("label-id: 12345678-9ABC-DEF0-1234-56789ABCDEF0")
                .contains(
                        "start=        2048, size=       16384, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE, name=\"efi\"")
                .contains("start=       18432, size=       40960, type=72EC70A6-CF74-40E6-BD49-4BDA08E8F224")
                .contains("attrs=\"LegacyBIOSBootable\"");
    }

    @Test
    void mbrTableIsReadBySfdisk() throws Exception {
        Path img = tmp.resolve("mbr.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(SECTORS * 512);
        }
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
            MbrWriter.write(
                    ch,
                    0x1234abcd,
                    List.of(
                            new PlacedPartition("boot", PartitionType.FAT32, Guid.derived("b", 0), 2048, 16384, true),
                            new PlacedPartition(
                                    "root", PartitionType.LINUX, Guid.derived("r", 0), 18432, 40960, false)));
        }
        String dump = TestToolbox.get().run("sfdisk", "--dump", img.toString());
        assertThat(dump)
                .contains("label: dos")
                .contains("label-id: 0x1234abcd")
                .contains("start=        2048, size=       16384, type=c, bootable")
                .contains("start=       18432, size=       40960, type=83");
    }
}
