package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.lock.LockedPackage;
import io.crossroot.lock.LockedSet;
import io.crossroot.lock.Lockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'crossroot lock' against the host's real mirror, and rootfs builds from its lockfile: the smallest real set
 * (riscv64 essential) installed exactly as locked, and a changed or vanished entry refused before any output exists.
 */
@Tag("rootfs")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockedRootfsTest {
    @TempDir
    static Path tmp;

    private Path lockFile;
    private Lockfile lock;

    @BeforeAll
    void lockTwice() throws Exception {
        lockFile = tmp.resolve("essential.lock");
        Path again = tmp.resolve("again.lock");
        for (Path out : List.of(lockFile, again)) {
            CliRun run = CliRun.of(
                    "lock", "--arch", "riscv64", "--variant", "essential", "--include=", "-o", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat(again).hasSameBinaryContentAs(lockFile); // stable across runs
        lock = Lockfile.read(lockFile);
    }

    @Test
    void theLockNamesTheRootfsSetQemuAndTheToolboxWithTheRelease() throws Exception {
        assertThat(lock.request().archs()).containsExactly("riscv64");
        assertThat(lock.request().include()).isEmpty();
        assertThat(rootfsSet()).extracting(LockedPackage::name).contains("base-files", "dpkg", "libc6");
        assertThat(lock.set(LockedSet.Role.QEMU, "amd64").orElseThrow().set().packages())
                .singleElement()
                .extracting(LockedPackage::name)
                .isIn("qemu-user", "qemu-user-static");
        assertThat(lock.set(LockedSet.Role.TOOLBOX, "amd64").orElseThrow().set().packages())
                .extracting(LockedPackage::name)
                .contains("e2fsprogs", "mtools", "grub-efi-arm64-signed");
        assertThat(lock.repositories().get(0).releaseSha256()).hasSize(64);
        assertThat(Files.readString(lockFile)).contains("type: deb", "file: InRelease");
    }

    @Test
    void aLockedBuildInstallsExactlyTheLockedPackages() throws Exception {
        Path out = tmp.resolve("root");
        CliRun run = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--variant",
                "essential",
                "--locked",
                lockFile.toString(),
                "--fresh",
                "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Set<String> installed = new TreeSet<>();
        for (Paragraph p : Deb822.parseAll(Files.readString(out.resolve("var/lib/dpkg/status")), "status")) {
            assertThat(p.get("Status")).isEqualTo("install ok installed");
            installed.add(p.get("Package") + " " + p.get("Version") + " " + p.get("Architecture"));
        }
        Set<String> locked = rootfsSet().stream()
                .map(p -> p.name() + " " + p.version() + " " + p.architecture())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(installed).isEqualTo(locked);
    }

    @Test
    void anEditedHashFailsNamingThePackageAndLeavesNoOutput() throws Exception {
        LockedPackage victim = pick("dash");
        String flipped =
                (victim.sha256().charAt(0) == '0' ? "1" : "0") + victim.sha256().substring(1);
        Path edited = tmp.resolve("edited.lock");
        Files.writeString(edited, Files.readString(lockFile).replace(victim.sha256(), flipped));

        assertLockedBuildFails(edited, victim);
    }

    @Test
    void aPoolPathTheMirrorDoesNotHaveFailsNamingThePackage() throws Exception {
        LockedPackage victim = pick("hostname");
        String missing = victim.filename().replace(".deb", "-crossroot-missing.deb");
        Path edited = tmp.resolve("missing.lock");
        // another hash too: the cache is content-addressed, and a blob already verified needs no mirror at all
        Files.writeString(
                edited,
                Files.readString(lockFile)
                        .replace(victim.filename(), missing)
                        .replace(victim.sha256(), flip(victim.sha256())));

        CliRun run = assertLockedBuildFails(edited, victim);
        assertThat(run.err()).contains(missing).contains("does not have");
    }

    @Test
    void updateLockRewritesAStaleLockThenBuildsFromIt() throws Exception {
        LockedPackage victim = pick("dash");
        Path stale = tmp.resolve("stale.lock");
        Files.writeString(stale, Files.readString(lockFile).replace(victim.sha256(), flip(victim.sha256())));
        Path out = tmp.resolve("updated-root");
        CliRun run = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--variant",
                "essential",
                "--locked",
                stale.toString(),
                "--update-lock",
                "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stale).hasSameBinaryContentAs(lockFile); // resolved again: what 'crossroot lock' wrote
        assertThat(out.resolve("var/lib/dpkg/status")).content().contains("Package: dash\n");
    }

    @Test
    void aLockMadeForAnotherRequestIsRefused() throws Exception {
        Path out = tmp.resolve("minbase-root");
        CliRun run = CliRun.of("rootfs", "--arch", "riscv64", "--locked", lockFile.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("was made for")
                .contains("variant essential")
                .contains("variant minbase");
        assertThat(out).doesNotExist();
    }

    @Test
    void buildAndImageBuildCheckTheLockBeforeCreatingAnything() {
        Path out = tmp.resolve("build");
        CliRun build = CliRun.of("build", "--locked", lockFile.toString(), "--no-boot", "-o", out.toString());
        assertThat(build.exitCode()).as(build.err()).isEqualTo(1);
        assertThat(build.err()).contains("was made for").contains("include (none)");
        assertThat(out).doesNotExist();

        Path layout = tmp.resolve("oci");
        CliRun image = CliRun.of(
                "image", "build", "--arch", "riscv64,arm64", "--locked", lockFile.toString(), "-o", layout.toString());
        assertThat(image.exitCode()).as(image.err()).isEqualTo(1);
        assertThat(image.err()).contains("was made for").contains("architectures arm64,riscv64");
        assertThat(layout).doesNotExist();

        CliRun update = CliRun.of("rootfs", "--arch", "riscv64", "--update-lock", "-o", out.toString());
        assertThat(update.exitCode()).isEqualTo(2);
        assertThat(update.err()).contains("--update-lock needs --locked FILE");
    }

    private CliRun assertLockedBuildFails(Path editedLock, LockedPackage victim) {
        Path out = tmp.resolve("never-" + victim.name());
        CliRun run = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--variant",
                "essential",
                "--locked",
                editedLock.toString(),
                "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err())
                .contains(victim.name() + " " + victim.version() + " (riscv64, ")
                .contains("--update-lock")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling(out.getFileName() + ".log")).doesNotExist();
        return run;
    }

    private static String flip(String sha256) {
        return (sha256.charAt(0) == '0' ? "1" : "0") + sha256.substring(1);
    }

    private List<LockedPackage> rootfsSet() {
        return lock.set(LockedSet.Role.ROOTFS, "riscv64").orElseThrow().set().packages();
    }

    private LockedPackage pick(String name) {
        return rootfsSet().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
