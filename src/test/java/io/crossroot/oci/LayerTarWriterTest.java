package io.crossroot.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.oci.tree.LayerEntry;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.testing.SampleTree;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.util.FileRegionOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer tar writer on its own: order, pax headers, exact sizes, and sendfile giving the same bytes. */
class LayerTarWriterTest {
    @TempDir
    Path tmp;

    @Test
    void directoryWalkAndTarSortAgreeOnDepthFirstOrder() throws Exception {
        Path tree = tmp.resolve("tree");
        for (String dir : List.of("a", "ab", "a-c", "a.d")) {
            Files.createDirectories(tree.resolve(dir));
        }
        Files.writeString(tree.resolve("a/b"), "b\n");
        Files.writeString(tree.resolve("a-c/z"), "z\n");
        List<String> expected = List.of("a", "a/b", "a-c", "a-c/z", "a.d", "ab");

        List<String> walked = new ArrayList<>();
        try (LayerSource source = LayerSource.of(tree, TestToolbox.forImages())) {
            source.forEachEntry(e -> walked.add(e.name())); // as the walk hands them on, before any sorting
        }
        assertThat(walked).isEqualTo(expected);

        Path tar = tmp.resolve("tree.tar");
        SampleTree.run("tar", "-C", tree.toString(), "-cf", tar.toString(), ".");
        try (LayerSource source = LayerSource.of(tar, TestToolbox.forImages())) {
            assertThat(source.entries()).extracting(LayerEntry::name).isEqualTo(expected);
        }
    }

    @Test
    void paxCarriesWhatUstarCannotAndSizeIsExact() throws Exception {
        String longName = "usr/share/" + "long-directory-name/".repeat(8) + "file";
        String nonAscii = "etc/café-ünïcode";
        List<LayerEntry> entries = List.of(
                file(longName, "long\n", 0, 0),
                file(nonAscii, "utf-8\n", 0, 0),
                file("etc/big-ids", "ids\n", 3_000_000, 4_000_000),
                new LayerEntry(
                        "bin/link",
                        LayerEntry.Type.SYMLINK,
                        0777,
                        0,
                        0,
                        0,
                        100,
                        longName,
                        0,
                        0,
                        LayerEntry.noXattrs(),
                        null,
                        null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTarWriter.write(entries, OptionalLong.empty(), out);
        assertThat((long) out.size()).isEqualTo(LayerTarWriter.size(entries, OptionalLong.empty()));
        assertThat(out.size() % 10240).isZero();

        List<TarArchiveEntry> read = read(out.toByteArray());
        assertThat(read)
                .extracting(TarArchiveEntry::getName)
                .containsExactly(longName, nonAscii, "etc/big-ids", "bin/link");
        assertThat(read.get(2).getLongUserId()).isEqualTo(3_000_000);
        assertThat(read.get(2).getLongGroupId()).isEqualTo(4_000_000);
        assertThat(read.get(3).getLinkName()).isEqualTo(longName);
        assertThat(read)
                .allMatch(e -> e.getUserName().isEmpty() && e.getGroupName().isEmpty());

        // GNU tar reads the same names and owners
        Path tar = Files.write(tmp.resolve("pax.tar"), out.toByteArray());
        String listing = SampleTree.run("tar", "--numeric-owner", "-tvf", tar.toString());
        assertThat(listing).contains(longName, nonAscii, "3000000/4000000");
    }

    @Test
    void filesSentWholeGiveTheSameBytesAsFilesCopied() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        Files.write(tree.resolve("big"), big);
        Files.writeString(tree.resolve("small"), "small\n");

        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        try (LayerSource source = LayerSource.of(tree, TestToolbox.forImages())) {
            LayerTarWriter writer = new LayerTarWriter(copied, OptionalLong.of(1_000));
            source.forEachEntry(writer::add);
            assertThat(writer.finish()).isEqualTo(1_000);
        }
        Path sentFile = tmp.resolve("sent.tar");
        RecordingRegionOutput sent;
        try (FileChannel channel = FileChannel.open(sentFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                LayerSource source = LayerSource.of(tree, TestToolbox.forImages())) {
            sent = new RecordingRegionOutput(channel);
            LayerTarWriter writer = new LayerTarWriter(sent, OptionalLong.of(1_000));
            source.forEachEntry(writer::add);
            writer.finish();
        }
        assertThat(Files.readAllBytes(sentFile)).isEqualTo(copied.toByteArray());
        // every file is handed to the region output whole; the engine's stream then picks sendfile or a copy
        assertThat(sent.filesSent).containsExactly((long) big.length, 6L);
    }

    @Test
    void ustarHeaderIsByteForByteWhatCommonsCompressWrites() throws Exception {
        String name99 = "d/".repeat(49) + "f"; // the longest name the field holds without pax
        long maxId = 07777777;
        long maxNumber = 077777777777L;
        record Case(
                String name,
                byte flag,
                int mode,
                long uid,
                long gid,
                long size,
                long mtime,
                String link,
                int major,
                int minor) {}
        List<Case> cases = List.of(
                new Case("etc/", TarArchiveEntry.LF_DIR, 0755, 0, 0, 0, 1_700_000_000, null, 0, 0),
                new Case("etc/passwd", TarArchiveEntry.LF_NORMAL, 0644, 0, 0, 1234, 1_700_000_000, null, 0, 0),
                new Case(name99, TarArchiveEntry.LF_NORMAL, 07777, maxId, maxId, maxNumber, maxNumber, null, 0, 0),
                new Case("bin/sh", TarArchiveEntry.LF_SYMLINK, 0777, 0, 0, 0, 0, name99, 0, 0),
                new Case("usr/bin/perl5.36", TarArchiveEntry.LF_LINK, 0755, 1000, 1000, 0, 42, "usr/bin/perl", 0, 0),
                new Case("dev/null", TarArchiveEntry.LF_CHR, 0666, 0, 0, 0, 1, null, 1, 3),
                new Case("dev/sda", TarArchiveEntry.LF_BLK, 0660, 0, 6, 0, 1, null, (int) maxId, (int) maxId),
                new Case("run/fifo", TarArchiveEntry.LF_FIFO, 0600, 0, 0, 0, 1, null, 0, 0));
        for (Case c : cases) {
            TarArchiveEntry t = new TarArchiveEntry(c.name(), c.flag(), true);
            t.setMode(c.mode());
            t.setUserId(c.uid());
            t.setGroupId(c.gid());
            t.setUserName("");
            t.setGroupName("");
            t.setModTime(java.nio.file.attribute.FileTime.from(c.mtime(), java.util.concurrent.TimeUnit.SECONDS));
            if (c.link() != null) {
                t.setLinkName(c.link());
            }
            t.setSize(c.size());
            t.setDevMajor(c.major());
            t.setDevMinor(c.minor());
            byte[] expected = new byte[512];
            t.writeEntryHeader(
                    expected,
                    org.apache.commons.compress.archivers.zip.ZipEncodingHelper.getZipEncoding("UTF-8"),
                    false);
            assertThat(UstarHeader.format(
                            c.name(), c.flag(), c.mode(), c.uid(), c.gid(), c.size(), c.mtime(), c.link(), c.major(),
                            c.minor()))
                    .as(c.name())
                    .isEqualTo(expected);
        }
        assertThat(UstarHeader.fitsNameField(name99)).isTrue();
        assertThat(UstarHeader.fitsNameField(name99 + "x")).isFalse();
        assertThat(UstarHeader.fitsNameField("etc/café")).isFalse();
    }

    @Test
    void aFileThatGrowsWhileWrittenFailsTheLayer() throws Exception {
        Path file = Files.writeString(tmp.resolve("growing"), "short\n");
        LayerEntry entry = new LayerEntry(
                "growing",
                LayerEntry.Type.FILE,
                0644,
                0,
                0,
                3,
                100,
                null,
                0,
                0,
                LayerEntry.noXattrs(),
                null,
                LayerEntry.Content.ofFile(tmp, file.getFileName().toString()));
        assertThatThrownBy(() ->
                        LayerTarWriter.write(List.of(entry), OptionalLong.empty(), OutputStream.nullOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("growing changed while the layer was written");
    }

    @Test
    void aFileThatShrinksBeforeItIsSentWholeFailsTheLayerNamingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("shrinking"), "short\n");
        LayerEntry entry = new LayerEntry(
                "etc/shrinking",
                LayerEntry.Type.FILE,
                0644,
                0,
                0,
                300_000,
                100,
                null,
                0,
                0,
                LayerEntry.noXattrs(),
                null,
                LayerEntry.Content.ofFile(tmp, file.getFileName().toString()));
        try (FileChannel sink =
                FileChannel.open(tmp.resolve("sink"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            RecordingRegionOutput out = new RecordingRegionOutput(sink);
            assertThatThrownBy(() -> LayerTarWriter.write(List.of(entry), OptionalLong.empty(), out))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("etc/shrinking changed while the layer was written")
                    .hasMessageContaining("ended after 6 of 300000 bytes");
        }
    }

    private static LayerEntry file(String name, String content, int uid, int gid) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new LayerEntry(
                name,
                LayerEntry.Type.FILE,
                0644,
                uid,
                gid,
                bytes.length,
                100,
                null,
                0,
                0,
                LayerEntry.noXattrs(),
                null,
                () -> new ByteArrayInputStream(bytes));
    }

    private static List<TarArchiveEntry> read(byte[] tar) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(e);
            }
        }
        return out;
    }

    /** A file-region output onto a file channel, as the engine's socket gets it, that notes each file sent whole. */
    private static final class RecordingRegionOutput extends OutputStream implements FileRegionOutput {
        private final WritableByteChannel channel;
        final List<Long> filesSent = new ArrayList<>();

        RecordingRegionOutput(WritableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            channel.write(java.nio.ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void writeFile(FileChannel file, long count) throws IOException {
            for (long sent = 0; sent < count; ) {
                long n = file.transferTo(sent, count - sent, channel);
                if (n <= 0 && file.size() <= sent) {
                    throw new java.io.EOFException("the file ended after " + sent + " of " + count + " bytes");
                }
                sent += n;
            }
            filesSent.add(count);
        }
    }
}
