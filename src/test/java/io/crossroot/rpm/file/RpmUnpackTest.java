package io.crossroot.rpm.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unpacking real packages, against "rpm2cpio | cpio -idm" of the same file and the owners and modes in the header. */
class RpmUnpackTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** The host's setfattr, as the toolbox's would be used. */
    static final CapabilityWriter SETFATTR = (file, value) -> {
        RpmTestPackages.run(
                null,
                "setfattr",
                "-h",
                "-n",
                "security.capability",
                "-v",
                "0x" + HexFormat.of().formatHex(value),
                file.toString());
    };

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "xz", "bzip2"})
    void unpacksAsCpioWithTheHeadersOwnersModesAndCapabilities(String compressor) throws Exception {
        Path rpm = RpmTestPackages.get().byCompressor().get(compressor);
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(
                root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        UnpackedRpm result = new RpmUnpack(root, SETFATTR).unpack(RpmFile.open(rpm));
        Path oracle = tmp.resolve("cpio");
        Files.createDirectories(oracle);
        RpmTestPackages.runText(
                "sh",
                "-c",
                "rpm2cpio '" + rpm + "' | (cd '" + oracle + "' && cpio -idm --quiet " + "--no-absolute-filenames)");

        RpmHeader header = RpmFile.open(rpm).header();
        for (RpmFileEntry f : header.files()) {
            Path mine = root.resolve(f.path().substring(1));
            Path theirs = oracle.resolve(f.path().substring(1));
            if (f.isGhost()) {
                assertThat(mine).doesNotExist();
                continue;
            }
            assertThat(Files.isSymbolicLink(mine)).as(f.path()).isEqualTo(Files.isSymbolicLink(theirs));
            assertThat(Files.isDirectory(mine, NOFOLLOW)).as(f.path()).isEqualTo(Files.isDirectory(theirs, NOFOLLOW));
            if (f.isSymlink()) {
                assertThat(Files.readSymbolicLink(mine)).isEqualTo(Files.readSymbolicLink(theirs));
            } else {
                assertThat((int) Files.getAttribute(mine, "unix:mode", NOFOLLOW) & 07777)
                        .as(f.path())
                        .isEqualTo(f.permissions());
            }
            if (f.isRegularFile()) {
                assertThat(Files.readAllBytes(mine)).as(f.path()).isEqualTo(Files.readAllBytes(theirs));
            }
            if (f.isSymlink()) { // cpio -m leaves symlink times alone
                assertThat(Files.getLastModifiedTime(mine, NOFOLLOW).toMillis()).isEqualTo(f.mtime() * 1000);
            } else if (!f.isDirectory()) {
                assertThat(Files.getLastModifiedTime(mine, NOFOLLOW))
                        .as(f.path())
                        .isEqualTo(Files.getLastModifiedTime(theirs, NOFOLLOW));
            }
            int uid = f.user().equals("nobody") ? 65534 : 0;
            int gid = f.group().equals("nogroup") ? 65534 : 0;
            assertThat(Files.getAttribute(mine, "unix:uid", NOFOLLOW))
                    .as(f.path())
                    .isEqualTo(uid);
            assertThat(Files.getAttribute(mine, "unix:gid", NOFOLLOW))
                    .as(f.path())
                    .isEqualTo(gid);
        }
        assertThat(Files.getLastModifiedTime(root.resolve("var/lib/crt")).toMillis() / 1000)
                .isEqualTo(header.files().stream()
                        .filter(f -> f.path().equals("/var/lib/crt"))
                        .findFirst()
                        .orElseThrow()
                        .mtime());
        assertThat(Files.isSameFile(root.resolve("usr/bin/crt"), root.resolve("usr/bin/crt-hard")))
                .isTrue();
        assertThat(Files.getAttribute(root.resolve("usr/bin/crt"), "unix:nlink"))
                .isEqualTo(2);
        assertThat((int) Files.getAttribute(root.resolve("usr/bin/crt"), "unix:mode") & 07777)
                .isEqualTo(04755);
        assertThat(RpmTestPackages.runText("getcap", root.resolve("usr/bin/crt").toString()))
                .contains("cap_net_admin,cap_net_raw=ep");
        assertThat(result.ghosts()).containsExactly("/var/log/crt.log");
        assertThat(result.configFiles()).containsExactly("/etc/crt.conf");
        assertThat(result.warnings()).isEmpty();
        assertThat(result.written())
                .contains("/usr/bin/crt", "/usr/bin/crt-hard", "/var/lib/crt")
                .hasSize(header.files().size() - 1);
    }

    @Test
    void ownersTheRootLacksBecomeRootWithAWarning() throws Exception {
        Path root = tmp.resolve("bare");
        Files.createDirectories(root);
        UnpackedRpm result = new RpmUnpack(root, SETFATTR)
                .unpack(RpmFile.open(RpmTestPackages.get().noarch()));
        assertThat(Files.getAttribute(root.resolve("var/lib/crt/data"), "unix:uid"))
                .isEqualTo(0);
        assertThat(result.warnings())
                .anySatisfy(w -> assertThat(w).contains("user nobody does not exist"))
                .anySatisfy(w -> assertThat(w).contains("group nogroup does not exist"));
    }

    @Test
    void filesGoThroughSymlinksInsideTheRootNeverOutOfIt() throws Exception {
        Path root = tmp.resolve("linked");
        Path outside = tmp.resolve("outside");
        Files.createDirectories(root.resolve("usr"));
        Files.createDirectories(outside);
        // An absolute link in the root means the root's own /elsewhere, as under chroot.
        Files.createSymbolicLink(root.resolve("var"), outside.toAbsolutePath());
        Files.createDirectories(root.resolve(outside.toAbsolutePath().toString().substring(1)));
        new RpmUnpack(root, SETFATTR).unpack(RpmFile.open(RpmTestPackages.get().noarch()));
        assertThat(outside).isEmptyDirectory();
        assertThat(root.resolve(outside.toString().substring(1)).resolve("lib/crt/data"))
                .isRegularFile();
    }

    @Test
    void capabilityTextEncodesAsSetcapWritesIt() throws Exception {
        for (String text : new String[] {
            "cap_net_raw=ep",
            "cap_net_admin,cap_net_raw=ep",
            "cap_sys_admin+ip",
            "cap_bpf,cap_perfmon=eip",
            "cap_chown=eip cap_setuid=eip"
        }) {
            Path f = Files.createTempFile(tmp, "cap", "");
            RpmTestPackages.run(null, "setcap", text, f.toString());
            String hex = RpmTestPackages.runText(
                    "getfattr", "--absolute-names", "-e", "hex", "-n", "security.capability", f.toString());
            String expected = hex.lines()
                    .filter(l -> l.startsWith("security.capability="))
                    .findFirst()
                    .orElseThrow()
                    .substring("security.capability=0x".length());
            assertThat(HexFormat.of().formatHex(FileCapabilities.encode(text, "test")))
                    .as(text)
                    .isEqualTo(expected);
        }
        assertThat(FileCapabilities.encode("", "test")).isNull();
    }
}
