package io.crossroot.toolbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pinned toolbox is found with no mirror at all; --refresh-toolbox, or a pin that no longer fits, goes back to the mirror. */
class ToolboxPinTest {
    /** Nothing listens on port 9 (discard): any network access fails. */
    private static final DebianRepository UNREACHABLE = DebianRepository.open(RepositoryConfig.builder()
            .mirror(URI.create("http://127.0.0.1:9/debian/"))
            .suite("trixie")
            .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
            .build());

    /** NAME VERSION ARCH SHA256, as Debian spells a package name and version. */
    private static final Pattern PACKAGE_LINE = Pattern.compile(
            "([a-z0-9][a-z0-9+.-]+) ((?:[0-9]+:)?[0-9][A-Za-z0-9.+~-]*(?:-[A-Za-z0-9.+~]+)?) (amd64|all|[a-z0-9]+) ([0-9a-f]{64})");

    private static final List<String> E2FSPROGS = List.of("e2fsprogs");

    private static Path pinFor(Path cache, List<String> packages) {
        return ToolboxPin.file(
                cache.resolve("toolbox"), "trixie", packages + " " + new TreeMap<String, List<String>>());
    }

    @Test
    void pinnedToolboxIsReusedWithoutTheMirror(@TempDir Path cache) throws Exception {
        Path tree = Files.createDirectories(cache.resolve("toolbox/abc123"));
        new ToolboxPin("trixie", "abc123", List.of("e2fsprogs 1.47.2-3 amd64 00ff", "libfoo 2.0 arm64 11ee"))
                .write(pinFor(cache, E2FSPROGS));
        ToolboxInstaller installer = new ToolboxInstaller(UNREACHABLE, cache, DownloadListener.NONE);

        Toolbox reused = installer.install(E2FSPROGS, Map.of(), false);
        assertThat(reused.root()).isEqualTo(tree);
        assertThat(reused.versions()).isEqualTo(Map.of("e2fsprogs", "1.47.2-3")); // the host's packages only
        assertMirrorAsked(() -> installer.install(E2FSPROGS, Map.of(), true)); // refresh asks the mirror
    }

    @Test
    void aPinWhoseTreeIsGoneIsNotTrusted(@TempDir Path cache) {
        new ToolboxPin("trixie", "deleted-tree", List.of("e2fsprogs 1.47.2-3 amd64 00ff"))
                .write(pinFor(cache, E2FSPROGS));
        ToolboxInstaller installer = new ToolboxInstaller(UNREACHABLE, cache, DownloadListener.NONE);

        assertMirrorAsked(() -> installer.install(E2FSPROGS, Map.of(), false));
    }

    @Test
    void aChangedPackageSetNeedsAPinOfItsOwn(@TempDir Path cache) throws Exception {
        Files.createDirectories(cache.resolve("toolbox/abc123"));
        new ToolboxPin("trixie", "abc123", List.of("e2fsprogs 1.47.2-3 amd64 00ff")).write(pinFor(cache, E2FSPROGS));
        ToolboxInstaller installer = new ToolboxInstaller(UNREACHABLE, cache, DownloadListener.NONE);
        List<String> more = List.of("e2fsprogs", "attr");

        assertThat(pinFor(cache, more)).isNotEqualTo(pinFor(cache, E2FSPROGS));
        assertMirrorAsked(() -> installer.install(more, Map.of(), false));
        assertThat(pinFor(cache, more)).doesNotExist();
    }

    @Test
    void anEditedPinIsReadAsWrittenAndOneWithoutItsKeyIsIgnored(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pin.txt");
        new ToolboxPin("trixie", "k", List.of("a 1 amd64 aa")).write(f);
        Files.writeString(f, Files.readString(f).replace("toolbox k\n", "toolbox other\n"));
        assertThat(ToolboxPin.read(f)).contains(new ToolboxPin("trixie", "other", List.of("a 1 amd64 aa")));

        Files.writeString(f, Files.readString(f).replace("toolbox other\n", ""));
        assertThat(ToolboxPin.read(f)).isEmpty();
    }

    @Test
    void pinRoundTrips(@TempDir Path dir) {
        ToolboxPin pin = new ToolboxPin("trixie", "k", List.of("a 1 amd64 aa", "b 2 arm64 bb"));
        Path f = dir.resolve("pin.txt");
        pin.write(f);
        assertThat(ToolboxPin.read(f)).contains(pin);
        assertThat(ToolboxPin.read(dir.resolve("none"))).isEmpty();
    }

    /** The pin the real mirror gives for the image toolbox names each package it unpacked exactly. */
    @Test
    void theRealPinRecordsEachPackageExactly() {
        Toolbox toolbox = TestToolbox.forImages();
        ToolboxPin pin =
                ToolboxPin.read(pinFor(Dirs.cache(), ToolboxPackages.IMAGE)).orElseThrow();

        assertThat(pin.suite()).isEqualTo("trixie");
        assertThat(toolbox.root()).isEqualTo(Dirs.cache().resolve("toolbox").resolve(pin.key()));
        assertThat(pin.packages()).isSorted().doesNotHaveDuplicates();
        Map<String, String> versions = new TreeMap<>();
        List<String> hashes = new java.util.ArrayList<>();
        for (String line : pin.packages()) {
            Matcher m = PACKAGE_LINE.matcher(line);
            assertThat(m.matches())
                    .as("pin line '%s' is NAME VERSION ARCH SHA256", line)
                    .isTrue();
            assertThat(m.group(3)).as(line).isIn("amd64", "all");
            versions.put(m.group(1), m.group(2));
            hashes.add(m.group(4) + "\n");
        }
        // the key names the tree by the .debs it was unpacked from
        assertThat(pin.key())
                .isEqualTo(ToolboxInstaller.sha256(
                        String.join("", hashes.stream().sorted().toList())));
        // attr and what it needs at run time, nothing of another architecture
        assertThat(versions).containsKeys("attr", "libattr1", "libc6");
        assertThat(versions.get("attr")).isEqualTo(versions.get("libattr1")); // built from the same source
        assertThat(toolbox.versions()).isEqualTo(versions);
    }

    private static void assertMirrorAsked(org.assertj.core.api.ThrowableAssert.ThrowingCallable install) {
        assertThatThrownBy(install)
                .isInstanceOf(UserError.class)
                .hasMessageContaining("fetching them failed")
                .hasMessageContaining("e2fsprogs");
    }
}
