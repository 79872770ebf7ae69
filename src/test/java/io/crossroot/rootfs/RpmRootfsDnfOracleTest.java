package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.Digests;
import io.crossroot.debian.DownloadListener;
import io.crossroot.rpm.DnfFixtureInstall;
import io.crossroot.rpm.RpmFixtureRepo;
import io.crossroot.rpm.repo.RepoTrust;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.rpm.repo.RpmRepoConfig;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.testing.BusyboxImage;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crossroot's RPM root held to Debian's dnf installing the same request from the same real repository into a
 * riscv64 installroot: the same packages, the same files with the same types, modes, owners and contents (the
 * scriptlets' output among them), and an rpm database that rpm -qa and rpm -Va read alike.
 */
@Tag("mirror")
class RpmRootfsDnfOracleTest {
    /** What only one of the two installers writes: their own databases, caches, logs and repository files. */
    private static final List<String> INSTALLER_OWN = List.of(
            "root/.rpmdb",
            "var/lib/rpm",
            "var/lib/dnf",
            "var/cache/dnf",
            "var/log/dnf.log",
            "var/log/dnf.librepo.log",
            "var/log/dnf.rpm.log",
            "var/log/hawkey.log",
            "etc/yum.repos.d",
            "etc/pki",
            "usr/share/doc/crossroot",
            "var/tmp",
            "tmp",
            "dev",
            "proc",
            "sys",
            "run",
            "root",
            "var/lib",
            "var/cache",
            "etc/dnf");
    /** The directories crossroot's inventory (usr/share/doc/crossroot) needs, when no package made them. */
    private static final List<String> INVENTORY_PARENTS = List.of("usr/share", "usr/share/doc");

    @TempDir
    static Path work;

    private static RpmFixtureRepo fixture;
    private static Path dnfRoot;
    private static Path ours;

    @BeforeAll
    static void installBoth() throws IOException, InterruptedException {
        fixture = RpmFixtureRepo.get();
        BusyboxImage.ensureBinfmt(BusyboxImage.repository(), List.of(ArchCatalog.require("riscv64")));
        dnfRoot = Files.createDirectories(work.resolve("dnf-root"));
        DnfFixtureInstall.install(fixture, work, dnfRoot, true, List.of(), List.of("hello"));
        ours = work.resolve("crossroot-root");
        builder(fixture.uri(), work.resolve("cache"))
                .build(new RpmRootfsRequest("riscv64", "fixture", List.of("hello"), true, ours));
    }

    static RpmRootfsBuilder builder(java.net.URI repo, Path cache) {
        RpmMdRepository rpmMd = RpmMdRepository.open(
                new RpmRepoConfig(repo, List.of(fixture.publicKey()), RepoTrust.SIGNED_REPOMD, cache));
        return new RpmRootfsBuilder(
                List.of(rpmMd),
                BusyboxImage.repository(),
                new ChrootSandbox(),
                DownloadListener.NONE,
                RootfsProgress.NONE);
    }

    @Test
    void samePackagesAsDnfInTheRpmDatabase() throws IOException, InterruptedException {
        SortedSet<String> dnf = DnfFixtureInstall.installedNevras(work, dnfRoot);
        assertThat(dnf).hasSize(4);
        assertThat(rpm(ours, "-qa", "--qf", "%{NEVRA}\\n").lines().filter(l -> !l.startsWith("gpg-pubkey-")))
                .containsExactlyInAnyOrderElementsOf(dnf);
        // the repository's key is imported, as dnf imports it
        assertThat(rpm(ours, "-qa", "gpg-pubkey")).startsWith("gpg-pubkey-");
    }

    @Test
    void sameFilesModesOwnersAndContents() throws IOException {
        Map<String, String> dnf = describe(dnfRoot);
        Map<String, String> crossroot = describe(ours);
        assertThat(crossroot).containsAllEntriesOf(dnf);
        assertThat(dnf).containsAllEntriesOf(crossroot);
        assertThat(crossroot).containsKeys("usr/bin/hello", "etc/hello.conf", "var/log/busybox-filetrigger");
    }

    @Test
    void scriptletEffectsArePresent() throws IOException {
        assertThat(Files.readString(ours.resolve("etc/passwd"))).contains("hello:x:990:990:");
        assertThat(Files.getAttribute(ours.resolve("etc/hello.conf"), "unix:uid"))
                .isEqualTo(990);
        assertThat(Files.readString(ours.resolve("var/log/hello-post"))).isEqualTo("Hello, world!\n");
        assertThat(Files.readString(ours.resolve("var/log/busybox-lua-post"))).contains("Lua scriptlet");
        assertThat(Files.readString(ours.resolve("var/log/glibc-post"))).isEqualTo("glibc %post, install count 1\n");
        assertThat(Files.readAllLines(ours.resolve("var/log/busybox-filetrigger")))
                .contains("/usr/bin/busybox", "/usr/bin/hello");
        assertThat(ours.resolve(".crossroot-rpm")).doesNotExist();
    }

    @Test
    void rpmVerifiesBothRootsAlike() throws IOException, InterruptedException {
        assertThat(rpm(ours, "-Va")).isEqualTo(rpm(dnfRoot, "-Va"));
    }

    @Test
    void aRiscv64ProgramOfTheRootRuns() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        Sandbox.ExecResult r = new ChrootSandbox().exec(ours, List.of("/usr/bin/hello"), Map.of(), lines::add);
        assertThat(r.ok()).isTrue();
        assertThat(lines).containsExactly("Hello, world!");
    }

    @Test
    void yumReposPointAtTheRepositoryWithItsKey() throws IOException {
        String repo = Files.readString(ours.resolve(YumRepoFile.PATH));
        assertThat(repo)
                .contains(
                        "baseurl=" + fixture.uri(),
                        "gpgcheck=1",
                        "repo_gpgcheck=1",
                        "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-crossroot-1");
        assertThat(Files.readString(ours.resolve("etc/pki/rpm-gpg/RPM-GPG-KEY-crossroot-1")))
                .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    }

    @Test
    void theInventoryListsTheInstalledRpmsAndValidates() throws Exception {
        byte[] spdx = Files.readAllBytes(ours.resolve("usr/share/doc/crossroot/sbom.spdx.json"));
        String text = new String(spdx, StandardCharsets.UTF_8);
        assertThat(text)
                .contains(
                        "pkg:rpm/fixture/hello@2.10-5?arch=riscv64&distro=fixture",
                        "pkg:rpm/fixture/busybox@1.37.0-6?arch=riscv64&epoch=1&distro=fixture",
                        "built from the source RPM glibc 2.41-12");
        assertThat(io.crossroot.sbom.SbomValidators.spdxProblems(spdx, work)).isEmpty();
    }

    @Test
    void anUnknownPackageIsAClearErrorAndLeavesNothing() throws IOException {
        Path out = work.resolve("unknown-root");
        assertThatThrownBy(() -> builder(fixture.uri(), work.resolve("cache"))
                        .build(new RpmRootfsRequest("riscv64", "fixture", List.of("no-such-package"), true, out)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no-such-package");
        assertThat(out).doesNotExist();
        assertThat(leftovers(work, "unknown-root")).isEmpty();
    }

    @Test
    void aPrimaryWhoseChecksumDoesNotMatchRepomdIsRefusedAndLeavesNothing() throws IOException {
        Path repo = fixture.copyTo(work.resolve("damaged-primary"));
        Path primary;
        try (Stream<Path> s = Files.list(repo.resolve("repodata"))) {
            primary = s.filter(p -> p.getFileName().toString().endsWith("primary.xml.gz"))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(primary);
        bytes[bytes.length - 9] ^= 1; // inside the gzip trailer's CRC: still the same length
        Files.write(primary, bytes);
        Path out = work.resolve("damaged-primary-root");
        assertThatThrownBy(() -> builder(repo.toUri(), work.resolve("cache-damaged-primary"))
                        .build(new RpmRootfsRequest("riscv64", "fixture", List.of("hello"), true, out)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("primary");
        assertThat(out).doesNotExist();
        assertThat(leftovers(work, "damaged-primary-root")).isEmpty();
    }

    @Test
    void anRpmWhosePayloadWasAlteredIsRefusedAndLeavesNothing() throws IOException, InterruptedException {
        Path repo = fixture.copyTo(work.resolve("resigned"));
        Path hello = helloRpm(repo);
        // a bit flipped in the payload: primary.xml's checksum is fixed up to match, so only the signature
        // (over the header and its payload digest) can tell
        byte[] bytes = Files.readAllBytes(hello);
        bytes[bytes.length - 100] ^= 1;
        String oldSha = sha256(Files.readAllBytes(hello));
        Files.write(hello, bytes);
        String newSha = sha256(bytes);
        assertThat(oldSha).isNotEqualTo(newSha);
        assertRefusedWithNothingLeft(repo, "resigned-root", "payload digest");
    }

    @Test
    void anRpmSignedByAnUntrustedKeyIsRefusedAndLeavesNothing() throws IOException, InterruptedException {
        Path repo = fixture.copyTo(work.resolve("other-key"));
        Path hello = helloRpm(repo);
        Path gnupg = work.resolve("gnupg-other");
        copyTree(fixture.otherKey().resolveSibling("gnupg-other"), gnupg);
        String colons = new String(
                RpmFixtureRepo.run(
                        work, Map.of(), "gpg", "--homedir", gnupg.toString(), "--with-colons", "--list-keys"),
                StandardCharsets.UTF_8);
        String fingerprint = colons.lines()
                .filter(l -> l.startsWith("fpr:"))
                .map(l -> l.split(":")[9])
                .findFirst()
                .orElseThrow();
        try {
            RpmFixtureRepo.run(
                    work,
                    Map.of(),
                    "rpmsign",
                    "--addsign",
                    "--define",
                    "_gpg_name " + fingerprint,
                    "--define",
                    "__gpg /usr/bin/gpg",
                    "--define",
                    "_gpg_path " + gnupg,
                    "--define",
                    "_dbpath " + work.resolve("rpmsign-db"),
                    hello.toString());
        } finally {
            RpmFixtureRepo.run(work, Map.of(), "gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent");
        }
        assertRefusedWithNothingLeft(repo, "other-key-root", "trusted");
    }

    private static Path helloRpm(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("Packages"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hello-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * Indexes the altered {@code repo} again (createrepo_c rewrites repomd.xml, so its signature goes and only the
     * packages' own signatures vouch), builds from it, and expects a refusal naming hello that leaves no output.
     */
    private static void assertRefusedWithNothingLeft(Path repo, String output, String reason)
            throws IOException, InterruptedException {
        RpmFixtureRepo.run(
                work, Map.of(), "createrepo_c", "--no-database", "--general-compress-type=gz", repo.toString());
        Files.deleteIfExists(repo.resolve("repodata/repomd.xml.asc"));
        RpmMdRepository rpmMd = RpmMdRepository.open(new RpmRepoConfig(
                repo.toUri(),
                List.of(fixture.publicKey()),
                RepoTrust.SIGNED_PACKAGES,
                work.resolve("caches").resolve(output)));
        Path out = work.resolve(output);
        assertThatThrownBy(() -> new RpmRootfsBuilder(
                                List.of(rpmMd),
                                BusyboxImage.repository(),
                                new ChrootSandbox(),
                                DownloadListener.NONE,
                                RootfsProgress.NONE)
                        .build(new RpmRootfsRequest("riscv64", "fixture", List.of("hello"), true, out)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hello-2.10-5.riscv64")
                .hasMessageContaining(reason);
        assertThat(out).doesNotExist();
        assertThat(leftovers(work, output)).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private static List<Path> leftovers(Path dir, String output) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(output)).toList();
        }
    }

    /** rpm of the host, reading the root's database where each installer put it. */
    private static String rpm(Path root, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rpm", "--root", root.toString()));
        if (root.equals(ours)) {
            command.addAll(List.of("--dbpath", RpmDatabasePath.DEFAULT));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Path to "type mode uid gid target-or-sha256" for every entry but the installers' own. */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty()
                        || INVENTORY_PARENTS.contains(rel)
                        || INSTALLER_OWN.stream().anyMatch(o -> rel.equals(o) || rel.startsWith(o + "/"))) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "dir";
                } else {
                    try (InputStream in = Files.newInputStream(p)) {
                        what = "file " + sha256(in.readAllBytes());
                    }
                }
                out.put(
                        rel,
                        what + " " + Integer.toOctalString((Integer) a.get("mode")) + " " + a.get("uid") + ":"
                                + a.get("gid"));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }
}
