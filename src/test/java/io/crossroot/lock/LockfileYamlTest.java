package io.crossroot.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lockfile's text: written stable and sorted, read back equal, and hostile entries refused with their line. */
class LockfileYamlTest {
    private static final String SHA_A = "0469b8533bbdbeb71009939962b08009b4a941b23cbf7890fb9c503bbcc34eb7";
    private static final String SHA_B = "527a76e04f3c00c65fb5a698eb8d17218bc016ec404924d46a4c49346bddf059";

    private static Lockfile sample() {
        LockedPackage bsdutils = new LockedPackage(
                "bsdutils",
                "1:2.41.5-0+deb13u1",
                "riscv64",
                "pool/main/u/util-linux/bsdutils_2.41.5-0+deb13u1_riscv64.deb",
                113468,
                SHA_A);
        LockedPackage baseFiles = new LockedPackage(
                "base-files", "13.8", "riscv64", "pool/main/b/base-files/base-files_13.8_riscv64.deb", 88320, SHA_B);
        LockedPackage qemu = new LockedPackage(
                "qemu-user", "1:10.0.6+ds-0+deb13u2", "amd64", "pool/main/q/qemu/qemu-user_10.0.6_amd64.deb", 5, SHA_A);
        return new Lockfile(
                Lockfile.VERSION,
                new LockRequest("trixie", List.of("riscv64", "arm64"), "essential", List.of("udev", "1.0-pkg")),
                List.of(new LockedRepository(
                        LockedRepository.DEB,
                        URI.create("http://mirror.example/debian/"),
                        "trixie",
                        "InRelease",
                        Instant.parse("2026-11-21T09:15:44Z"),
                        SHA_B,
                        List.of(
                                new LockedSet(LockedSet.Role.QEMU, "amd64", List.of(qemu)),
                                new LockedSet(LockedSet.Role.ROOTFS, "riscv64", List.of(bsdutils, baseFiles))))));
    }

    @Test
    void readsBackWhatItWritesAndWritesItAgainByteForByte(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("crossroot.lock");
        Lockfile lock = sample();
        lock.write(file);
        Lockfile read = Lockfile.read(file);

        assertThat(read).isEqualTo(lock);
        assertThat(read.toYaml()).isEqualTo(Files.readString(file));
        // sorted: sets by role, packages by name; a version that looks like a number stays text
        String text = Files.readString(file);
        assertThat(text.indexOf("role: rootfs")).isLessThan(text.indexOf("role: qemu"));
        assertThat(text.indexOf("name: base-files")).isLessThan(text.indexOf("name: bsdutils"));
        assertThat(text).contains("version: \"13.8\"");
        assertThat(read.set(LockedSet.Role.ROOTFS, "riscv64")
                        .orElseThrow()
                        .set()
                        .packages())
                .extracting(LockedPackage::name)
                .containsExactly("base-files", "bsdutils");
        assertThat(read.request().archs()).containsExactly("arm64", "riscv64");
    }

    @Test
    void aLockForAnotherRequestIsRefusedNamingBoth() {
        LockRequest locked = sample().request();
        LockRequest other =
                new LockRequest("trixie", List.of("riscv64", "arm64"), "minbase", List.of("udev", "1.0-pkg"));
        assertThatThrownBy(() -> locked.requireSame(other, Path.of("x.lock")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("x.lock was made for")
                .hasMessageContaining("variant essential")
                .hasMessageContaining("variant minbase")
                .hasMessageContaining("--update-lock");
        locked.requireSame(
                new LockRequest("trixie", List.of("arm64", "riscv64"), "essential", List.of("1.0-pkg", "udev")),
                Path.of("x.lock")); // order does not matter
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pool/main/b/../../../../etc/shadow.deb",
                "/etc/passwd.deb",
                "http://evil.example/x.deb",
                "file:///etc/x.deb",
                "pool/main/b/%2e%2e/x.deb",
                "pool//main/x.deb",
                "pool/main/b/./x.deb",
                "pool/main/b/x.deb?y=1",
                "dists/trixie/x.deb",
                "pool/main/b/x.tar",
                "pool/main/b/x\\y.deb"
            })
    void aPoolPathThatLeavesThePoolIsRefusedAtItsLine(String path) {
        String text = sample().toYaml().replace("pool/main/b/base-files/base-files_13.8_riscv64.deb", "'" + path + "'");
        int line = lineOf(text, path);
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("x.lock:" + line + ":")
                .hasMessageContaining("filename")
                .hasMessageContaining("pool/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name: base-files|name: ../base-files",
                "name: base-files|name: Base_Files",
                "version: \"13.8\"|version: 13 8",
                "version: \"13.8\"|version: '$(reboot)'",
                "architecture: riscv64\n      filename: pool/main/b|architecture: ../x\n      filename: pool/main/b",
                "size: 88320|size: -1",
                "sha256: " + SHA_B + "\n|sha256: 0469\n",
                "mirror: http://mirror.example/debian/|mirror: javascript:alert(1)",
                "mirror: http://mirror.example/debian/|mirror: http://mirror.example/debian/?x=/",
                "mirror: http://mirror.example/debian/|mirror: http://user@mirror.example/debian/",
                "suite: trixie\n  release|suite: ../trixie\n  release",
                "type: deb|type: rpm-md",
                "version: 1|version: 2",
                "role: qemu|role: kernel",
                "variant: essential|variant: everything",
                "file: InRelease|file: ../InRelease",
            })
    void aHostileOrBrokenEntryIsOneErrorWithItsLine(String edit) {
        String[] parts = edit.split("\\|");
        String text = sample().toYaml();
        assertThat(text).contains(parts[0]);
        String changed = text.replaceFirst(
                java.util.regex.Pattern.quote(parts[0]), java.util.regex.Matcher.quoteReplacement(parts[1]));
        assertThatThrownBy(() -> parse(changed))
                .isInstanceOf(UserError.class)
                .hasMessageMatching("(?s)x\\.lock(:\\d+)?: .*|x\\.lock has \\d+ problems.*")
                .hasMessageContaining("crossroot lock");
    }

    @Test
    void unknownKeysAndDuplicateSetsAreRefused() {
        String text = sample().toYaml();
        assertThatThrownBy(() ->
                        parse(text.replace("  suite: trixie\n  release:", "  suite: trixie\n  extra: 1\n  release:")))
                .hasMessageContaining("unknown key 'extra'");
        String dup = text.replace("  - role: rootfs", "  - role: qemu");
        assertThatThrownBy(() -> parse(dup.replace("arch: riscv64\n    packages", "arch: amd64\n    packages")))
                .hasMessageContaining("appears twice");
    }

    @Test
    void aMissingLockfileSaysHowToWriteIt(@TempDir Path tmp) {
        assertThatThrownBy(() -> Lockfile.read(tmp.resolve("none.lock")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("it does not exist")
                .hasMessageContaining("crossroot lock -o");
    }

    @Test
    void aPackageEntryBuiltInCodeIsCheckedToo() {
        assertThatThrownBy(() -> new LockedPackage("bash", "5.2", "riscv64", "pool/../x.deb", 1, SHA_A))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockedPackage("bash", "5.2", "riscv64", "pool/main/b/bash.deb", 1, "ABC"))
                .isInstanceOf(UserError.class);
    }

    private static Lockfile parse(String text) {
        return LockfileYaml.parse(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), "x.lock");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the text");
    }
}
