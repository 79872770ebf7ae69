package io.crossroot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.testing.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chroot sandbox on a real (host-architecture) static busybox root: environment, namespaces, no leaks. */
@Tag("mirror")
class ChrootSandboxTest {
    @TempDir
    static Path root;

    @BeforeAll
    static void busyboxRoot() throws Exception {
        assumeTrue(ChrootSandbox.available(), "needs root and unshare");
        BusyboxImage.rootfs(BusyboxImage.repository(), ArchCatalog.host(), root);
    }

    private static Sandbox.ExecResult run(List<String> lines, String... argv) throws Exception {
        return new ChrootSandbox().exec(root, List.of(argv), Map.of("A", "1", "PATH", "/bin"), lines::add);
    }

    @Test
    void commandGetsExactlyTheEnvironmentAskedFor() throws Exception {
        List<String> lines = new ArrayList<>();
        assertThat(run(lines, "/bin/busybox", "env").exitCode()).isZero();
        assertThat(lines).containsExactlyInAnyOrder("A=1", "PATH=/bin");
    }

    @Test
    void commandIsPidOneWithItsOwnProcAndExitStatus() throws Exception {
        List<String> lines = new ArrayList<>();
        Sandbox.ExecResult r =
                run(lines, "/bin/sh", "-c", "echo pid=$$; ls /proc/self/ >/dev/null && echo proc; exit 7");
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(lines).containsExactly("pid=1", "proc");
    }

    @Test
    void leavesNoMountBehind() throws Exception {
        run(new ArrayList<>(), "/bin/true");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(root.toString());
    }

    @Test
    void anOverlayShowsItsFilesOverADirectoryForTheCommandOnlyAndLeavesTheRootAsItWas() throws Exception {
        Path lower = Files.createDirectories(root.resolve("overlay-test/lower"));
        Files.writeString(lower.resolve("greeting"), "from the overlay\n");
        Path dir = Files.createDirectories(root.resolve("overlay-test/dir"));
        Files.writeString(dir.resolve("greeting"), "from the root\n");
        Files.writeString(dir.resolve("other"), "kept\n");
        List<String> lines = new ArrayList<>();
        Sandbox.ExecResult r = new ChrootSandbox()
                .exec(
                        root,
                        List.of(
                                "/bin/sh",
                                "-c",
                                "cat /overlay-test/dir/greeting /overlay-test/dir/other; "
                                        + "echo x > /overlay-test/dir/new || echo read-only"),
                        Map.of("PATH", "/bin"),
                        lines::add,
                        List.of(new RootOverlay("overlay-test/dir", "overlay-test/lower")));
        assertThat(r.exitCode()).isZero();
        assertThat(lines).contains("from the overlay", "kept", "read-only");
        assertThat(dir.resolve("greeting")).hasContent("from the root");
        assertThat(dir.resolve("new")).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(root.toString());
    }
}
