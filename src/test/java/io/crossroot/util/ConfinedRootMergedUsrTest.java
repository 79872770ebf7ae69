package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths resolved inside a root as a chroot sees them, with and without the merged-/usr links it may lack. */
class ConfinedRootMergedUsrTest {
    @TempDir
    Path root;

    private void file(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, path);
    }

    @Test
    void aMissingMergedUsrLinkIsFollowedOnlyWhenAskedFor() throws IOException {
        file("usr/lib/ld.so");
        file("usr/bin/true");

        assertThat(ConfinedRoot.resolve(root, "/lib/ld.so")).isEmpty();
        assertThat(ConfinedRoot.resolveMergedUsr(root, "/lib/ld.so")).contains(root.resolve("usr/lib/ld.so"));
        assertThat(ConfinedRoot.resolveMergedUsr(root, "bin/../lib/./ld.so")).contains(root.resolve("usr/lib/ld.so"));
        assertThat(ConfinedRoot.resolveMergedUsr(root, "/usr/../bin/true")).contains(root.resolve("usr/bin/true"));
        assertThat(ConfinedRoot.resolveMergedUsr(root, "/lib64/ld.so")).isEmpty();
    }

    @Test
    void anEntryTheRootHasIsNeverReplaced() throws IOException {
        file("usr/lib/ld.so");
        Files.createDirectories(root.resolve("lib")); // a split-/usr root: /lib is its own directory
        Files.createSymbolicLink(root.resolve("bin"), Path.of("/nowhere"));

        assertThat(ConfinedRoot.resolveMergedUsr(root, "/lib/ld.so")).isEmpty();
        assertThat(ConfinedRoot.resolveMergedUsr(root, "/bin")).isEmpty();
    }

    @Test
    void linksStayInsideTheRoot() throws IOException {
        file("usr/lib/ld.so");
        Path outside = root.resolve("usr/lib/ld.so").toAbsolutePath();
        Files.createSymbolicLink(root.resolve("abs"), outside);
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../../../.." + outside));

        assertThat(ConfinedRoot.resolveMergedUsr(root, "/abs")).isEmpty();
        assertThat(ConfinedRoot.resolveMergedUsr(root, "/up")).isEmpty();
        assertThat(ConfinedRoot.resolveMergedUsr(root, "/../../lib/ld.so")).contains(root.resolve("usr/lib/ld.so"));
    }
}
