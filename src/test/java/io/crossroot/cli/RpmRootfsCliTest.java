package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.rpm.RpmFixtureRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'crossroot rootfs' on the fixture's real signed rpm-md repository: recognised by its repodata/repomd.xml, built
 * through the command line, and the options that mean nothing there refused before anything is written.
 */
class RpmRootfsCliTest {
    @TempDir
    Path tmp;

    private final RpmFixtureRepo fixture = RpmFixtureRepo.get();

    @Test
    @Tag("rootfs")
    void buildsTheFixtureRootFromItsMirror() throws Exception {
        Path out = tmp.resolve("root");
        CliRun run = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--mirror",
                fixture.uri().toString(),
                "--keyring",
                fixture.publicKey().toString(),
                "--include",
                "hello",
                "--json",
                "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("usr/bin/hello")).isRegularFile();
        assertThat(out.resolve("etc/hello.conf")).hasContent("greeting=Hello");
        assertThat(run.out()).contains("\"repoType\" : \"rpm-md\"").contains("\"packages\" : 4");
        assertThat(out.resolve("etc/yum.repos.d")).isDirectory();
    }

    @Test
    void anRpmMdMirrorWithoutAKeyIsRefusedWithNothingWritten() {
        Path out = tmp.resolve("root");
        CliRun run = rootfs(out, List.of());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("No key", fixture.uri().toString(), "--keyring FILE");
        assertThat(out).doesNotExist();
    }

    @Test
    void debianOnlyOptionsAreUsageErrors() {
        for (List<String> extra : List.of(
                List.of("--suite", "bookworm"),
                List.of("--variant", "minbase"),
                List.of("--no-scripts"),
                List.of("--locked", tmp.resolve("x.lock").toString()))) {
            Path out = tmp.resolve("root");
            List<String> args = new ArrayList<>(extra);
            args.addAll(List.of("--keyring", fixture.publicKey().toString()));
            CliRun run = rootfs(out, args);
            assertThat(run.exitCode()).as(extra + ": " + run.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err()).as(extra.toString()).contains(extra.get(0)).containsIgnoringCase("rpm-md");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void severalMirrorsAreForRpmMdOnly() {
        CliRun run = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--repo-type",
                "deb",
                "--mirror",
                fixture.uri().toString(),
                "--mirror",
                fixture.uri().toString(),
                "-o",
                tmp.resolve("root").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("give one --mirror");
    }

    @Test
    void aRepoFileNeedsItsVariablesAndGivesItsKey() throws Exception {
        Path repoFile = tmp.resolve("fixture.repo");
        Files.writeString(
                repoFile,
                "[fixture]\nname=fixture $releasever\nbaseurl=" + fixture.uri() + "\ngpgcheck=1\n"
                        + "[off]\nbaseurl=file:///nonexistent/$basearch/\nenabled=0\n");
        CliRun run = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--repo-file",
                repoFile.toString(),
                "-o",
                tmp.resolve("root").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("$releasever");
        assertThat(tmp.resolve("root")).doesNotExist();
    }

    private CliRun rootfs(Path out, List<String> extra) {
        List<String> args = new ArrayList<>(
                List.of("rootfs", "--arch", "riscv64", "--mirror", fixture.uri().toString(), "--include", "hello"));
        args.addAll(extra);
        args.addAll(List.of("-o", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }
}
