package io.crossroot.debian.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.crossroot.debian.Fixtures;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

class DebFileTest {
    private static final Path NETBASE = Fixtures.path("netbase_6.5_all.deb");
    private static final Path NETBASE_ZSTD = Fixtures.path("netbase_6.5_all-zstd.deb");

    @TempDir
    Path tmp;

    @Test
    void readsTheControlParagraph() {
        Paragraph control = DebFile.of(NETBASE).control();
        // The file name is PACKAGE_VERSION_ARCH.deb.
        String[] name = NETBASE.getFileName().toString().replace(".deb", "").split("_");
        assertThat(control.get("Package")).isEqualTo(name[0]);
        assertThat(control.get("Version")).isEqualTo(name[1]);
        assertThat(control.get("Architecture")).isEqualTo(name[2]);
        assertThat(control.get("Description")).contains("\n"); // continuation lines are kept
    }

    @Test
    void readsAllControlFiles() {
        // As "dpkg-deb -I" lists them.
        assertThat(DebFile.of(NETBASE).controlFiles())
                .containsOnlyKeys("conffiles", "control", "md5sums", "postinst", "postrm");
        assertThat(new String(DebFile.of(NETBASE).controlFiles().get("postinst"), StandardCharsets.UTF_8))
                .startsWith("#!/bin/sh");
    }

    @Test
    void dataEntriesMatchThePackagesOwnMd5sumsAndConffiles() throws IOException {
        Map<String, String> data = dataMd5s(NETBASE);
        Map<String, String> md5sums = md5sums(NETBASE);
        assertThat(md5sums).isNotEmpty();
        assertThat(data).containsAllEntriesOf(md5sums);
        // dpkg leaves conffiles out of md5sums; together they name every file.
        String conffiles = new String(DebFile.of(NETBASE).controlFiles().get("conffiles"), StandardCharsets.UTF_8);
        List<String> all = new java.util.ArrayList<>(md5sums.keySet());
        conffiles.lines().map(l -> l.substring(1)).forEach(all::add);
        assertThat(data.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(data).isEqualTo(reference(NETBASE));
    }

    @Test
    void zstdMembersReadTheSame() throws IOException {
        assertThat(DebFile.of(NETBASE_ZSTD).control().asMap())
                .isEqualTo(DebFile.of(NETBASE).control().asMap());
        assertThat(dataMd5s(NETBASE_ZSTD)).isEqualTo(reference(NETBASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz", ".bz2", ".xz", ".zst", ".lzma"})
    void everyCompressionDpkgUsesIsRead(String suffix) throws IOException {
        Path deb = recompress(NETBASE, suffix);
        assertThat(memberNames(deb)).contains("data.tar" + suffix);
        assertThat(DebFile.of(deb).control().get("Package")).isEqualTo("netbase");
        assertThat(dataMd5s(deb)).isEqualTo(reference(NETBASE));
    }

    @Test
    void extractsSingleFilesByAnyPathForm() throws IOException {
        Map<String, String> md5sums = reference(NETBASE);
        for (String form : List.of("./etc/services", "/etc/services", "etc/services")) {
            Path dest = tmp.resolve("out").resolve(form.replace('/', '_'));
            DebFile.of(NETBASE).extract(form, dest);
            assertThat(md5(Files.readAllBytes(dest))).isEqualTo(md5sums.get("etc/services"));
        }
        assertThatThrownBy(() -> DebFile.of(NETBASE).extract("/etc/nope", tmp.resolve("x")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("/etc/nope");
        assertThatThrownBy(() -> DebFile.of(NETBASE).extract("./etc/", tmp.resolve("y")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not a regular file");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void truncatedFilesAreRejected() throws IOException {
        byte[] deb = Files.readAllBytes(NETBASE);
        for (int cut : new int[] {0, 3, 8, 40, 68, 100, 130, 1000, deb.length / 2, deb.length - 100, deb.length - 2}) {
            Path t = Files.write(tmp.resolve("cut-" + cut + ".deb"), Arrays.copyOf(deb, cut));
            assertThatThrownBy(() -> dataMd5s(t))
                    .as("cut at %d", cut)
                    .isInstanceOf(DebFormatError.class)
                    .hasMessageContaining(t.toString());
        }
        byte[] zst = Files.readAllBytes(NETBASE_ZSTD);
        Path t = Files.write(tmp.resolve("cut.zst.deb"), Arrays.copyOf(zst, zst.length - 50));
        assertThatThrownBy(() -> dataMd5s(t)).isInstanceOf(DebFormatError.class).hasMessageContaining("truncated");
    }

    @Test
    void corruptDataIsRejectedWherever() throws IOException {
        byte[] deb = Files.readAllBytes(NETBASE);
        int[] data = memberRange(deb, "data.tar.xz");
        int tested = 0;
        for (int at = data[0]; at < data[1]; at += 97) {
            byte[] bad = deb.clone();
            bad[at] ^= (byte) 0xff;
            Path t = Files.write(tmp.resolve("flip.deb"), bad);
            int offset = at;
            assertThatThrownBy(() -> dataMd5s(t)).as("flipped byte %d", offset).isInstanceOf(DebFormatError.class);
            tested++;
        }
        assertThat(tested).isGreaterThan(50);
    }

    @Test
    void corruptControlIsRejected() throws IOException {
        byte[] deb = Files.readAllBytes(NETBASE);
        int[] control = memberRange(deb, "control.tar.xz");
        byte[] bad = deb.clone();
        bad[(control[0] + control[1]) / 2] ^= (byte) 0xff;
        Path t = Files.write(tmp.resolve("bad-control.deb"), bad);
        assertThatThrownBy(() -> DebFile.of(t).control())
                .isInstanceOf(DebFormatError.class)
                .hasMessageContaining("control.tar.xz");
    }

    @Test
    void damagedArHeadersAreRejected() throws IOException {
        byte[] deb = Files.readAllBytes(NETBASE);
        byte[] magic = deb.clone();
        magic[2] = 'X';
        byte[] size = deb.clone();
        int dataHeader = memberRange(deb, "data.tar.xz")[0] - 60;
        System.arraycopy("9999999999".getBytes(StandardCharsets.US_ASCII), 0, size, dataHeader + 48, 10);
        byte[] letters = deb.clone();
        System.arraycopy("12a4      ".getBytes(StandardCharsets.US_ASCII), 0, letters, dataHeader + 48, 10);
        byte[] fmag = deb.clone();
        fmag[dataHeader + 58] = 'x';
        for (byte[] bad : List.of(magic, size, letters, fmag)) {
            Path t = Files.write(tmp.resolve("bad.deb"), bad);
            assertThatThrownBy(() -> dataMd5s(t)).isInstanceOf(DebFormatError.class);
        }
        assertThatThrownBy(() -> dataMd5s(Files.write(tmp.resolve("big.deb"), size)))
                .hasMessageContaining("claims 9999999999 bytes");
    }

    @Test
    void wrongMemberStructureIsRejected() throws IOException {
        Map<String, byte[]> members = members(NETBASE);
        Map<String, byte[]> version3 = new LinkedHashMap<>(members);
        version3.put("debian-binary", "3.0\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> dataFirst = new LinkedHashMap<>();
        dataFirst.put("debian-binary", members.get("debian-binary"));
        dataFirst.put("data.tar.xz", members.get("data.tar.xz"));
        dataFirst.put("control.tar.xz", members.get("control.tar.xz"));
        Map<String, byte[]> noData = new LinkedHashMap<>(members);
        noData.remove("data.tar.xz");
        Map<String, byte[]> unknownCompression = new LinkedHashMap<>(members);
        unknownCompression.put("data.tar.rar", unknownCompression.remove("data.tar.xz"));
        for (var bad : List.of(version3, dataFirst, noData, unknownCompression)) {
            Path t = writeAr(tmp.resolve("struct.deb"), bad);
            assertThatThrownBy(() -> dataMd5s(t)).as(bad.keySet().toString()).isInstanceOf(DebFormatError.class);
        }
        Map<String, byte[]> underscore = new LinkedHashMap<>();
        underscore.put("debian-binary", members.get("debian-binary"));
        underscore.put("_gpgorigin", new byte[] {1, 2, 3});
        underscore.putAll(members);
        assertThat(dataMd5s(writeAr(tmp.resolve("sig.deb"), underscore))).isEqualTo(reference(NETBASE));
    }

    // --- helpers ---

    private static Map<String, String> md5sums(Path deb) {
        Map<String, String> out = new TreeMap<>();
        String text = new String(DebFile.of(deb).controlFiles().get("md5sums"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            out.put(line.substring(34), line.substring(0, 32));
        }
        return out;
    }

    private static Map<String, String> dataMd5s(Path deb) {
        Map<String, String> out = new TreeMap<>();
        DebFile.of(deb).forEachDataEntry((entry, in) -> {
            if (entry.isFile()) {
                out.put(entry.getName().substring(2), md5(in.readAllBytes()));
            }
        });
        return out;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MD5 of each data file, read with commons-compress and xz directly: an oracle independent of DebFile. */
    private static Map<String, String> reference(Path deb) throws IOException {
        Map<String, String> out = new TreeMap<>();
        byte[] data = members(deb).get("data.tar.xz");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new XZInputStream(new java.io.ByteArrayInputStream(data)))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    out.put(e.getName().substring(2), md5(tar.readAllBytes()));
                }
            }
        }
        return out;
    }

    /** [start, end) of a member's data, found by its header name. */
    private static int[] memberRange(byte[] deb, String name) {
        String s = new String(deb, StandardCharsets.ISO_8859_1);
        int header = s.indexOf(name);
        int size = Integer.parseInt(s.substring(header + 48, header + 58).strip());
        return new int[] {header + 60, header + 60 + size};
    }

    /** Members read with commons-compress's ar reader, independent of ours. */
    private static Map<String, byte[]> members(Path deb) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ArArchiveInputStream ar = new ArArchiveInputStream(Files.newInputStream(deb))) {
            ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                out.put(e.getName(), ar.readAllBytes());
            }
        }
        return out;
    }

    private static List<String> memberNames(Path deb) throws IOException {
        return List.copyOf(members(deb).keySet());
    }

    private static Path writeAr(Path target, Map<String, byte[]> members) throws IOException {
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(target))) {
            for (var m : members.entrySet()) {
                ar.putArchiveEntry(new ArArchiveEntry(m.getKey(), m.getValue().length));
                ar.write(m.getValue());
                ar.closeArchiveEntry();
            }
        }
        return target;
    }

    /** The same package with both tar members re-compressed as {@code suffix}. */
    private Path recompress(Path deb, String suffix) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var m : members(deb).entrySet()) {
            if (m.getKey().endsWith(".tar.xz")) {
                byte[] tar;
                try (var in = new XZInputStream(new java.io.ByteArrayInputStream(m.getValue()))) {
                    tar = in.readAllBytes();
                }
                out.put(m.getKey().replace(".tar.xz", ".tar" + suffix), compress(tar, suffix));
            } else {
                out.put(m.getKey(), m.getValue());
            }
        }
        return writeAr(tmp.resolve("netbase" + suffix + ".deb"), out);
    }

    private static byte[] compress(byte[] data, String suffix) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (suffix) {
            case "" -> bytes;
            case ".gz" -> new GZIPOutputStream(bytes);
            case ".bz2" -> new BZip2CompressorOutputStream(bytes);
            case ".xz" -> new XZOutputStream(bytes, new LZMA2Options());
            case ".zst" -> new ZstdOutputStream(bytes);
            case ".lzma" -> new LZMAOutputStream(bytes, new LZMA2Options(), data.length);
            default -> throw new IllegalArgumentException(suffix);
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
