package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.deb.UnpackedPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivatedTriggersTest {
    @TempDir
    Path admin;

    private static UnpackedPackage pkg(String name, String triggers, String... paths) {
        Map<String, byte[]> control =
                triggers == null ? Map.of() : Map.of("triggers", triggers.getBytes(StandardCharsets.UTF_8));
        return new UnpackedPackage(
                Deb822.parseOne("Package: " + name + "\nArchitecture: riscv64\n", name),
                control,
                List.of(paths),
                List.of());
    }

    @Test
    void firesForLaterPackagesPathsAndActivationsAndForScriptsCalls() throws Exception {
        Files.createDirectories(admin.resolve("triggers"));
        Files.writeString(admin.resolve("triggers/Unincorp"), "update-initramfs linux-image\n");
        List<UnpackedPackage> set = List.of(
                pkg("early-lib", "activate-noawait ldconfig\n", "/."), // before libc-bin: its configure covers it
                pkg("libc-bin", "# comment\ninterest-noawait ldconfig\n", "/."),
                pkg("libc6", "activate-noawait ldconfig\n", "/.", "/usr/lib/libc.so.6"),
                pkg(
                        "debianutils",
                        "interest-noawait /usr/share/debianutils/shells.d\n",
                        "/.",
                        "/usr/share/debianutils/shells.d"),
                pkg("bash", null, "/.", "/usr/share/debianutils/shells.d/bash"),
                pkg("base-files", "interest-noawait /usr/lib32\n", "/.", "/usr/lib32x"),
                pkg("initramfs-tools", "interest update-initramfs\n", "/."),
                pkg("man-db", "interest /usr/share/man\ninterest other\n", "/.", "/usr/share/man/man1/x.1"),
                pkg("late", "activate-noawait nobody-listens\n", "/."));

        Map<String, Set<String>> fired = ActivatedTriggers.find(set, admin);

        assertThat(fired).containsOnlyKeys("libc-bin", "debianutils", "initramfs-tools"); // man-db: own files only
        assertThat(fired.get("libc-bin")).containsExactly("ldconfig");
        assertThat(fired.get("debianutils")).containsExactly("/usr/share/debianutils/shells.d");
        assertThat(fired.get("initramfs-tools")).containsExactly("update-initramfs");
    }
}
