package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.deb.DebUnpacker;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.rootfs.TestDebs.Member;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile package input (control fields, index fields, archive members, links planted by a package) against the
 * real reader, unpacker and dpkg database writer: each is refused with an error naming it, or stays in the root,
 * and a sentinel directory outside the root that the hostile names aim at is never touched.
 */
class HostilePackageCorpusTest {
    @TempDir
    Path tmp;

    Path root;
    Path host; // stands for the host: outside the root, what hostile names and links point at
    Path sentinel;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        host = Files.createDirectory(tmp.resolve("host"));
        sentinel = Files.writeString(host.resolve("sentinel"), "host file\n");
    }

    private void assertHostUntouched() throws IOException {
        try (Stream<Path> s = Files.list(host)) {
            assertThat(s.toList()).containsExactly(sentinel);
        }
        assertThat(sentinel).hasContent("host file");
    }

    /** Unpacks like a bootstrap and writes dpkg's database for the package. */
    private void install(Path deb) throws IOException {
        UnpackedPackage p = new DebUnpacker(root).unpack(DebFile.of(deb));
        new DpkgDatabase(root).write(List.of(p));
    }

    @Test
    void packageNamesThatDpkgRefusesAreRefusedBeforeTheyNameAFile() throws IOException {
        String up = "../../../../../../.." + host;
        for (String name :
                List.of(up + "/sentinel", up + "/new", "a/b", "..", "x", "Upper", "-dash", "a b", "a;touch x")) {
            Path deb = TestDebs.deb(tmp.resolve("evil.deb"), name, Member.file("./usr/share/doc/evil", "x"));
            assertThatThrownBy(() -> install(deb))
                    .as(name)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining(deb.toString())
                    .hasMessageContaining("package name '" + name + "'");
        }
        assertHostUntouched();
        assertThat(root.resolve("var/lib/dpkg")).doesNotExist();
    }

    @Test
    void architecturesAndVersionsThatWouldNameFilesAreRefused() throws IOException {
        String up = "../../../../../../.." + host + "/new";
        Path multiArch = TestDebs.debWithControl(
                tmp.resolve("arch.deb"), "Package: libevil\nVersion: 1\nArchitecture: " + up + "\nMulti-Arch: same\n");
        assertThatThrownBy(() -> install(multiArch))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(multiArch.toString())
                .hasMessageContaining("architecture '" + up + "'");
        Path version = TestDebs.debWithControl(
                tmp.resolve("version.deb"), "Package: evil\nVersion: 1/" + up + "\nArchitecture: all\n");
        assertThatThrownBy(() -> install(version))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(version.toString())
                .hasMessageContaining("not a valid Debian version");
        assertHostUntouched();
    }

    @Test
    void dpkgDatabaseIsWrittenInsideTheRootThroughALinkAPackagePlanted() throws IOException {
        // a package makes /var/lib/dpkg an absolute symlink: on the host that names the sentinel's directory
        Path deb = TestDebs.deb(
                tmp.resolve("planter.deb"),
                "planter",
                Member.dir("./var/"),
                Member.dir("./var/lib/"),
                Member.symlink("./var/lib/dpkg", host.toString()));
        install(deb);
        assertHostUntouched();
        Path inRoot = root.resolve(root.getRoot().relativize(host)); // where a chroot sees the link's target
        assertThat(inRoot.resolve("info/planter.list")).hasContent("/.\n/var\n/var/lib\n/var/lib/dpkg");
        assertThat(inRoot.resolve("status")).content().contains("Package: planter");
    }

    @Test
    void archiveMembersAndLinksNeverLeaveTheRoot() throws IOException {
        String up = "../../../../../../.." + host;
        for (String member : List.of(up + "/sentinel", "./usr/../../host/sentinel", "./a//b")) {
            Path deb = TestDebs.deb(tmp.resolve("member.deb"), "member", Member.file(member, "evil"));
            assertThatThrownBy(() -> install(deb))
                    .as(member)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("unsafe path '" + member + "'");
        }
        Path hardLink = TestDebs.deb(tmp.resolve("hard.deb"), "hard", Member.hardlink("./x", up + "/sentinel"));
        assertThatThrownBy(() -> install(hardLink))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unsafe path");
        // a symlink to the host directory, then files through it (relative and absolute links): they stay inside
        Path links = TestDebs.deb(
                tmp.resolve("links.deb"),
                "links",
                Member.symlink("./abs", host.toString()),
                Member.dir("./" + root.getRoot().relativize(host) + "/"),
                Member.file("./abs/sentinel", "evil"),
                Member.symlink("./rel", up),
                Member.file("./rel/new", "evil"),
                Member.dir("./etc/"),
                Member.symlink("./etc/passwd", sentinel.toString()),
                Member.file("./etc/passwd", "evil"));
        install(links);
        assertHostUntouched();
        assertThat(root.resolve(root.getRoot().relativize(sentinel))).hasContent("evil");
        assertThat(Files.isSymbolicLink(root.resolve("etc/passwd"))).isFalse(); // replaced, not written through
    }

    @Test
    void anEntryOfAnUnknownTypeIsRefusedAndALinkIsNeverTakenForAFile() throws IOException {
        // commons-compress calls any entry not named like a directory a file: the type flag alone decides here
        Path unknown = TestDebs.deb(
                tmp.resolve("unknown.deb"), "unknown", new Member("./usr/odd", (byte) '9', null, null, 0644));
        assertThatThrownBy(() -> install(unknown))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("entry usr/odd has an unsupported type");
        assertThat(root.resolve("usr/odd")).doesNotExist();

        Path link = TestDebs.deb(tmp.resolve("link.deb"), "link", Member.symlink("./etc/shadow", sentinel.toString()));
        Path dest = tmp.resolve("extracted");
        assertThatThrownBy(() -> DebFile.of(link).extract("/etc/shadow", dest))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not a regular file but a symbolic link to " + sentinel);
        assertThat(dest).doesNotExist();
        assertHostUntouched();
    }

    @Test
    void indexFieldsThatLeaveTheMirrorOrNameFilesAreRefused() {
        String stanza = "Package: %s\nVersion: 1.0-1\nArchitecture: riscv64\nFilename: %s\nSize: 3\nSHA256: "
                + "a".repeat(64) + "\n";
        for (String filename :
                List.of("../../../etc/shadow", "/etc/shadow", "pool/../../../etc/shadow", "pool/./x.deb")) {
            Paragraph p = Deb822.parseOne(stanza.formatted("evil", filename), "Packages");
            assertThatThrownBy(() -> HashedFile.ofPackage(p))
                    .as(filename)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("evil 1.0-1")
                    .hasMessageContaining(filename);
        }
        Paragraph badName = Deb822.parseOne(stanza.formatted("../../x", "pool/x.deb"), "Packages");
        assertThatThrownBy(() -> BinaryPackage.from(badName))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("package name '../../x'");
        Paragraph good = Deb822.parseOne(stanza.formatted("libc6", "pool/main/g/glibc/libc6_1.0-1_riscv64.deb"), "P");
        assertThat(BinaryPackage.from(good).name()).isEqualTo("libc6");
        assertThat(HashedFile.ofPackage(good).path()).isEqualTo("pool/main/g/glibc/libc6_1.0-1_riscv64.deb");
        assertThat(Files.exists(root.resolve("x"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
