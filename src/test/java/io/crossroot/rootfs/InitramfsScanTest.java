package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images laid out as mkinitramfs lays them out: an uncompressed early archive, then a compressed main one. */
class InitramfsScanTest {
    private static final byte[] NEEDLE = NativeHelpers.MARKER.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void findsTheNeedleInTheCompressedArchiveAcrossChunkBoundaries() throws IOException {
        byte[] big = noise(200_000);
        byte[] withNeedle = Arrays.copyOf(big, big.length);
        System.arraycopy(NEEDLE, 0, withNeedle, (1 << 16) - 5, NEEDLE.length); // straddles the first chunk's end
        Path clean = image(
                cpio(Map.of("kernel/x86/microcode/GenuineIntel.bin", noise(1000))),
                zstd(cpio(Map.of("usr/bin/cp", big))));
        Path dirty = image(
                cpio(Map.of("kernel/x86/microcode/GenuineIntel.bin", noise(1000))),
                zstd(cpio(Map.of("usr/bin/cp", withNeedle))));
        assertThat(InitramfsScan.contains(clean, NEEDLE)).isFalse();
        assertThat(InitramfsScan.contains(dirty, NEEDLE)).isTrue();
    }

    @Test
    void findsTheNeedleInAnUncompressedArchiveBeforeACompressedOne() throws IOException {
        byte[] script = ("#!/bin/sh\n" + NativeHelpers.MARKER + "x\n").getBytes(StandardCharsets.UTF_8);
        Path image = image(cpio(Map.of("bin/sed", script)), gzip(cpio(Map.of("init", noise(5000)))));
        assertThat(InitramfsScan.contains(image, NEEDLE)).isTrue();
    }

    @Test
    void readsAnImageThatIsOnlyCompressed() throws IOException {
        assertThat(InitramfsScan.contains(image(new byte[0], gzip(cpio(Map.of("init", noise(100))))), NEEDLE))
                .isFalse();
    }

    @Test
    void refusesAnEntryLongerThanTheFile() throws IOException {
        byte[] archive = cpio(Map.of("init", noise(4000)));
        Path truncated = image(Arrays.copyOf(archive, 2000), new byte[0]);
        assertThatThrownBy(() -> InitramfsScan.contains(truncated, NEEDLE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("more than the file holds");
    }

    @Test
    void refusesAnUnknownFormat() throws IOException {
        Path odd = image(new byte[0], "not an initramfs at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> InitramfsScan.contains(odd, NEEDLE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("compression format");
    }

    private Path image(byte[] early, byte[] main) throws IOException {
        Path p = Files.createTempFile(dir, "initrd.img-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(early);
        out.write(new byte[(512 - early.length % 512) % 512]); // the zero padding mkinitramfs leaves
        out.write(main);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] cpio(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, f.getKey(), f.getValue().length);
                e.setMode(CpioConstants.C_ISREG | 0755);
                cpio.putArchiveEntry(e);
                cpio.write(f.getValue());
                cpio.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdCompressorOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GzipCompressorOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] noise(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
