package io.crossroot.oci.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.testing.SampleTree;
import io.crossroot.toolbox.TestToolbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree's metadata as one find run reports it must be what java.nio's stat of each file gives. */
class TreeStatTest {
    @TempDir
    Path dir;

    @Test
    void everyEntryMatchesWhatStatGivesInLayerOrder() throws Exception {
        Path root = SampleTree.create(dir.resolve("rootfs"), Path.of("/bin/true"));
        Files.writeString(root.resolve("etc/name with spaces\nand a newline"), "odd name\n");
        Path old = root.resolve("etc/before-1970");
        Files.writeString(old, "old\n");
        SampleTree.run("touch", "-h", "-d", "1969-12-31 23:59:58.5 UTC", old.toString());
        Files.createSymbolicLink(root.resolve("etc/dangling"), Path.of("../nowhere at all"));

        List<LayerEntry> entries;
        try (LayerSource tree = LayerSource.of(root, TestToolbox.forImages())) {
            entries = tree.entries();
        }

        List<String> expectedNames = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root))
                    .forEach(p -> expectedNames.add(root.relativize(p).toString()));
        }
        expectedNames.sort(LayerSource.ORDER);
        assertThat(entries).extracting(LayerEntry::name).containsExactlyElementsOf(expectedNames);
        for (LayerEntry e : entries) {
            assertMatchesStat(root, e);
        }
        Path link = Files.createSymbolicLink(dir.resolve("rootfs-link"), root);
        try (LayerSource throughLink = LayerSource.of(link, TestToolbox.forImages())) {
            // find and getfattr do not follow a link given as the tree: crossroot gives them its target
            assertThat(throughLink.entries().stream().map(e -> summary(e, root)).toList())
                    .isEqualTo(entries.stream().map(e -> summary(e, root)).toList());
        }
        LayerEntry before1970 = entries.stream()
                .filter(e -> e.name().equals("etc/before-1970"))
                .findFirst()
                .orElseThrow();
        assertThat(before1970.mtimeSeconds()).isEqualTo(-2); // st_mtime's seconds: -1.5 s is -2 s and 0.5 s
        assertThat(entries)
                .filteredOn(e -> e.name().equals("etc/passwd-hardlink"))
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(LayerEntry.Type.HARDLINK));
        assertThat(entries)
                .filteredOn(e -> e.name().equals("bin/ping"))
                .singleElement()
                .satisfies(e -> assertThat(e.xattrs()).containsKey("security.capability"));
    }

    /** Everything an entry says, its content's file relative to {@code root} and its xattr values as hex. */
    private static String summary(LayerEntry e, Path root) {
        StringBuilder xattrs = new StringBuilder();
        e.xattrs()
                .forEach((k, v) -> xattrs.append(k)
                        .append('=')
                        .append(java.util.HexFormat.of().formatHex(v)));
        Path file = e.content() == null ? null : e.content().file();
        return String.join(
                "|",
                e.name(),
                e.type().name(),
                Integer.toOctalString(e.mode()),
                e.uid() + ":" + e.gid(),
                Long.toString(e.size()),
                Long.toString(e.mtimeSeconds()),
                String.valueOf(e.linkTarget()),
                e.devMajor() + ":" + e.devMinor(),
                String.valueOf(e.inodeKey() != null),
                xattrs,
                file == null
                        ? "-"
                        : root.toAbsolutePath().relativize(real(file)).toString());
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertMatchesStat(Path root, LayerEntry e) throws IOException {
        Path p = root.resolve(e.name());
        Map<String, Object> a =
                Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,rdev", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String what = e.name();
        assertThat(e.mode()).as(what).isEqualTo(mode & 07777);
        assertThat(e.uid()).as(what).isEqualTo(a.get("uid"));
        assertThat(e.gid()).as(what).isEqualTo(a.get("gid"));
        assertThat(e.mtimeSeconds())
                .as(what)
                .isEqualTo(((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond());
        switch (e.type()) {
            case FILE -> {
                assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .as(what)
                        .isTrue();
                assertThat(e.size()).as(what).isEqualTo(a.get("size"));
                assertThat(e.content().file()).as(what).isEqualTo(p);
            }
            case HARDLINK ->
                assertThat(Files.isSameFile(p, root.resolve(e.linkTarget())))
                        .as(what)
                        .isTrue();
            case DIRECTORY ->
                assertThat(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .as(what)
                        .isTrue();
            case SYMLINK ->
                assertThat(e.linkTarget())
                        .as(what)
                        .isEqualTo(Files.readSymbolicLink(p).toString());
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                long rdev = (Long) a.get("rdev");
                assertThat(e.devMajor()).as(what).isEqualTo(TreeStat.major(rdev));
                assertThat(e.devMinor()).as(what).isEqualTo(TreeStat.minor(rdev));
                assertThat(e.devMajor() + ":" + e.devMinor()).as(what).isEqualTo("1:3"); // dev/null
            }
            case FIFO -> assertThat((mode & 0170000)).as(what).isEqualTo(0010000);
        }
    }

    @Test
    void aNameTheFileNameEncodingCannotHoldIsAnErrorNamingTheTree() throws Exception {
        Path root = Files.createDirectories(dir.resolve("latin1"));
        SampleTree.run("sh", "-c", "touch \"$1/caf$(printf '\\351')\"", "sh", root.toString()); // Latin-1 é
        try (LayerSource tree = LayerSource.of(root, TestToolbox.forImages())) {
            assertThatThrownBy(tree::entries)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(root + " holds a file name that is not valid ") // the locale's encoding
                    .hasMessageContaining("Rename the file");
        }
    }

    @Test
    void aTreeFindCannotReadFailsWithFindsOwnMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        TreeRun<List<LayerEntry>> run = TreeRun.start(TreeStat.KIND, file.resolve("below"));
        assertThatThrownBy(run::get)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("find failed reading " + file.resolve("below"))
                .hasMessageContaining("Not a directory");
    }
}
