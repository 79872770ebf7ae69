package io.crossroot.toolbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.RepositoryConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pinned toolbox is found with no mirror at all; --refresh-toolbox goes back to the mirror. */
class ToolboxPinTest {
    /** Nothing listens on port 9 (discard): any network access fails. */
    private static final DebianRepository UNREACHABLE = DebianRepository.open(RepositoryConfig.builder()
            .mirror(URI.create("http://127.0.0.1:9/debian/")).suite("trixie").keyrings(List.of(Keyring.DEBIAN_ARCHIVE)).build());

    @Test
    void pinnedToolboxIsReusedWithoutTheMirror(@TempDir Path cache) throws Exception {
        List<String> packages = List.of("e2fsprogs");
        Map<String, List<String>> guest = Map.of();
        Path tree = Files.createDirectories(cache.resolve("toolbox/abc123"));
        new ToolboxPin("trixie", "abc123", List.of("e2fsprogs 1.47.2-3 amd64 00ff"))
                .write(ToolboxPin.file(cache.resolve("toolbox"), "trixie", packages + " " + guest));
        ToolboxInstaller installer = new ToolboxInstaller(UNREACHABLE, cache, DownloadListener.NONE);

        assertThat(installer.install(packages, guest, false).root()).isEqualTo(tree);
        assertThatThrownBy(() -> installer.install(packages, guest, true)).isNotNull(); // refresh asks the mirror
    }

    @Test
    void pinRoundTrips(@TempDir Path dir) {
        ToolboxPin pin = new ToolboxPin("trixie", "k", List.of("a 1 amd64 aa", "b 2 arm64 bb"));
        Path f = dir.resolve("pin.txt");
        pin.write(f);
        assertThat(ToolboxPin.read(f)).contains(pin);
        assertThat(ToolboxPin.read(dir.resolve("none"))).isEmpty();
    }
}
