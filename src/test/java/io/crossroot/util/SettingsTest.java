package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void readsMirrorAndKeyrings(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, "mirror: file:///srv/mirror/debian\nkeyrings:\n  - /etc/k1.gpg\n  - /etc/k2.gpg\n");
        Settings s = Settings.load(f);
        assertThat(s.mirror()).contains(URI.create("file:///srv/mirror/debian/"));
        assertThat(s.keyrings()).containsExactly(Path.of("/etc/k1.gpg"), Path.of("/etc/k2.gpg"));
    }

    @Test
    void absentFileMeansNoSettings(@TempDir Path dir) {
        assertThat(Settings.load(dir.resolve("none.yaml"))).isEqualTo(Settings.none());
    }

    @Test
    void aFileThatIsNotAMappingIsAClearError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, "- just\n- a list\n");
        assertThatThrownBy(() -> Settings.load(f)).isInstanceOf(UserError.class).hasMessageContaining(f.toString());
    }
}
