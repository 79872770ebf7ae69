package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rpm database goes where the root's own rpm looks, and never outside the root whatever its files say. */
class RpmDatabasePathTest {
    @TempDir
    Path root;

    @Test
    void aRootWithoutRpmGetsRpmsDefault() throws IOException {
        assertThat(RpmDatabasePath.of(root)).isEqualTo("/var/lib/rpm");
    }

    @Test
    void fedorasMacrosPutItUnderSysimage() throws IOException {
        macros("usr/lib/rpm/macros", "%_var /var\n%_dbpath\t\t%{_usr}/lib/sysimage/rpm\n");
        assertThat(RpmDatabasePath.of(root)).isEqualTo("/usr/lib/sysimage/rpm");
    }

    @Test
    void theLastDefinitionWinsAsRpmReadsItsFiles() throws IOException {
        macros("usr/lib/rpm/macros", "%_dbpath %{_usr}/lib/sysimage/rpm\n");
        macros("etc/rpm/macros.dbpath", "%_dbpath %{_var}/lib/rpm\n");
        assertThat(RpmDatabasePath.of(root)).isEqualTo("/var/lib/rpm");
    }

    @Test
    void aPathThatClimbsOrUsesUnknownMacrosFallsBackToTheDefault() {
        assertThat(RpmDatabasePath.expand("/var/lib/../../../../etc")).isEqualTo("/var/lib/rpm");
        assertThat(RpmDatabasePath.expand("%{getenv:HOME}/.rpmdb")).isEqualTo("/var/lib/rpm");
        assertThat(RpmDatabasePath.expand("relative/rpm")).isEqualTo("/var/lib/rpm");
        assertThat(RpmDatabasePath.expand("%{_sharedstatedir}/rpm/")).isEqualTo("/var/lib/rpm");
    }

    @Test
    void aSymlinkedDatabaseDirectoryIsFollowedInsideTheRoot() throws IOException {
        // Fedora's /var/lib/rpm -> ../../usr/lib/sysimage/rpm; a hostile one points at the host's /etc
        Files.createDirectories(root.resolve("var/lib"));
        Files.createSymbolicLink(root.resolve("var/lib/rpm"), Path.of("/etc/crossroot-must-not-exist"));
        String inside = RpmDatabase.confined(root, "/var/lib/rpm");
        assertThat(inside).isEqualTo("/etc/crossroot-must-not-exist");
        assertThat(root.resolve("etc/crossroot-must-not-exist")).isDirectory();
        assertThat(Path.of("/etc/crossroot-must-not-exist")).doesNotExist();
    }

    private void macros(String path, String text) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }
}
