package io.crossroot.rpm.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.BadSignatureError;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.MirrorFileNotFoundError;
import io.crossroot.debian.UntrustedSignatureError;
import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmFixtureRepo;
import io.crossroot.rpm.RpmVersion;
import io.crossroot.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real repository (built once from the mirror's riscv64 packages) built with rpmbuild and createrepo_c, with rpm itself as the oracle. */
@Tag("mirror")
class RpmMdRepositoryFixtureTest {
    private static RpmFixtureRepo fixture;

    @TempDir
    Path temp;

    @BeforeAll
    static void build() {
        fixture = RpmFixtureRepo.get();
    }

    private RpmMdRepository open(Path repo, Path key, RepoTrust trust) {
        return RpmMdRepository.open(new RpmRepoConfig(repo.toUri(), List.of(key), trust, temp.resolve("cache")));
    }

    private RpmMdRepository fixtureRepo() {
        return open(fixture.repo(), fixture.publicKey(), RepoTrust.SIGNED_REPOMD);
    }

    @Test
    void readsTheSignedRepomdAndItsEntries() {
        Repomd repomd = fixtureRepo().repomd();
        assertThat(repomd.revision()).isNotBlank();
        assertThat(repomd.entries().stream().map(RepomdEntry::type))
                .contains("primary", "filelists", "other", "group", "group_gz");
        RepomdEntry primary = repomd.entry("primary").orElseThrow();
        assertThat(primary.file().checksum().type()).isEqualTo("sha256");
        assertThat(primary.file().href()).startsWith("repodata/").endsWith("-primary.xml.gz");
        assertThat(primary.openSize()).isPresent();
    }

    @Test
    void packagesAreWhatRpmSaysOfEachFile() throws Exception {
        RpmMdRepository repo = fixtureRepo();
        Map<String, RpmPackage> byName = repo.packages().stream().collect(Collectors.toMap(RpmPackage::name, p -> p));
        assertThat(byName).containsOnlyKeys("filesystem", "busybox", "glibc", "hello");
        for (Path rpm : fixture.rpms()) {
            String[] nevra = query(rpm, "--qf", "%{NAME} %{EPOCHNUM} %{VERSION} %{RELEASE} %{ARCH}")
                    .get(0)
                    .split(" ");
            RpmPackage pkg = byName.get(nevra[0]);
            assertThat(pkg.evr()).as(rpm.toString()).isEqualTo(RpmVersion.of(nevra[1], nevra[2], nevra[3]));
            assertThat(pkg.arch()).isEqualTo(nevra[4]);
            assertThat(pkg.file().size()).isEqualTo(Files.size(rpm));
            assertThat(pkg.file().checksum().hex()).isEqualTo(sha256(rpm));
            assertThat(pkg.file().href()).isEqualTo("Packages/" + rpm.getFileName());
            assertThat(Set.copyOf(pkg.provides())).as(pkg + " provides").isEqualTo(deps(rpm, "--provides"));
            // createrepo_c leaves out rpmlib() requirements, which only rpm itself satisfies, and those the
            // package satisfies itself
            List<RpmDependency.Simple> own = new ArrayList<>();
            deps(rpm, "--provides").forEach(d -> own.add((RpmDependency.Simple) d));
            query(rpm, "-l").forEach(f -> own.add(RpmDependency.Simple.of(f)));
            Set<RpmDependency> requires = deps(rpm, "--requires");
            requires.removeIf(d ->
                    d.toString().startsWith("rpmlib(") || (d instanceof RpmDependency.Simple && d.satisfiedBy(own)));
            assertThat(Set.copyOf(pkg.requires())).as(pkg + " requires").isEqualTo(requires);
            assertThat(Set.copyOf(pkg.recommends())).as(pkg + " recommends").isEqualTo(deps(rpm, "--recommends"));
            assertThat(Set.copyOf(pkg.suggests())).as(pkg + " suggests").isEqualTo(deps(rpm, "--suggests"));
            assertThat(Set.copyOf(pkg.conflicts())).as(pkg + " conflicts").isEqualTo(deps(rpm, "--conflicts"));
            assertThat(Set.copyOf(pkg.obsoletes())).as(pkg + " obsoletes").isEqualTo(deps(rpm, "--obsoletes"));
            assertThat(Set.copyOf(pkg.supplements())).isEqualTo(deps(rpm, "--supplements"));
            assertThat(Set.copyOf(pkg.enhances())).isEqualTo(deps(rpm, "--enhances"));
        }
        RpmPackage hello = byName.get("hello");
        assertThat(hello.requires())
                .contains(RpmDependency.parse("(glibc >= 2.34 and filesystem)"), RpmDependency.parse("/usr/bin/grep"));
        assertThat(hello.preRequires()).contains(RpmDependency.parse("/usr/bin/grep"));
        assertThat(hello.recommends()).containsExactly(RpmDependency.parse("busybox"));
        assertThat(hello.files())
                .contains(
                        new ListedFile("/usr/bin/hello", ListedFile.Kind.FILE),
                        new ListedFile("/etc/hello.conf", ListedFile.Kind.FILE));
        assertThat(hello.sourceRpm()).isEqualTo("hello-2.10-5.src.rpm");
        assertThat(hello.nevra()).isEqualTo("hello-0:2.10-5.riscv64");
    }

    @Test
    void theRepositorySatisfiesHellosDependencies() {
        List<RpmPackage> packages = fixtureRepo().packages();
        List<RpmDependency.Simple> everything = new ArrayList<>();
        for (RpmPackage p : packages) {
            everything.addAll(p.provides());
            p.files().forEach(f -> everything.add(RpmDependency.Simple.of(f.path())));
        }
        RpmPackage hello = packages.stream()
                .filter(p -> p.name().equals("hello"))
                .findFirst()
                .orElseThrow();
        assertThat(hello.requires())
                .allSatisfy(d ->
                        assertThat(d.satisfiedBy(everything)).as(d.toString()).isTrue());
    }

    @Test
    void filelistsAreReadOnRequest() {
        Map<String, PackageFiles> byName = new java.util.HashMap<>();
        int count = fixtureRepo().forEachFileList(f -> byName.put(f.name(), f));
        assertThat(count).isEqualTo(4);
        assertThat(byName.get("filesystem").files())
                .contains(
                        new ListedFile("/usr/bin", ListedFile.Kind.DIR), new ListedFile("/bin", ListedFile.Kind.FILE));
        assertThat(byName.get("glibc").files())
                .extracting(ListedFile::path)
                .contains("/usr/lib/riscv64-linux-gnu/libc.so.6");
        assertThat(byName.get("busybox").evr()).isEqualTo(RpmVersion.parse("1:1.37.0-6"));
    }

    @Test
    void readsTheCompsGroupsAndEnvironments() {
        Comps comps = fixtureRepo().comps().orElseThrow();
        Comps.Group group = comps.group("crossroot-minimal").orElseThrow();
        assertThat(group.name()).isEqualTo("crossroot minimal");
        assertThat(group.isDefault()).isTrue();
        assertThat(group.mandatory()).containsExactly("busybox", "filesystem");
        assertThat(group.defaults()).containsExactly("hello");
        assertThat(group.optional()).containsExactly("glibc");
        assertThat(group.conditional()).isEqualTo(Map.of("hello-doc", "hello"));
        Comps.Environment env = comps.environment("crossroot-environment").orElseThrow();
        assertThat(env.groups()).containsExactly("crossroot-minimal");
        assertThat(env.options()).containsExactly("crossroot-extras");
    }

    @Test
    void fetchesPackagesVerifiedAndCached() throws IOException {
        RpmMdRepository repo = fixtureRepo();
        RpmPackage glibc = repo.packages().stream()
                .filter(p -> p.name().equals("glibc"))
                .findFirst()
                .orElseThrow();
        Path fetched = repo.fetch(glibc, DownloadListener.NONE);
        assertThat(fetched)
                .hasSameBinaryContentAs(fixture.repo().resolve(glibc.file().href()));
        assertThat(fetched).startsWith(temp.resolve("cache"));
        List<Boolean> cached = new ArrayList<>();
        repo.fetch(glibc, new DownloadListener() {
            @Override
            public void finished(String name, Path file, boolean fromCache) {
                cached.add(fromCache);
            }
        });
        assertThat(cached).containsExactly(true);
    }

    @Test
    void aPrimaryThatDoesNotMatchRepomdIsRefusedNamingBothChecksums() throws IOException {
        Path copy = fixture.copyTo(temp.resolve("copy"));
        RepomdEntry primary = fixtureRepo().repomd().entry("primary").orElseThrow();
        Path file = copy.resolve(primary.file().href());
        byte[] other = gzip("<metadata/>");
        Files.write(file, other);
        RpmMdRepository repo = open(copy, fixture.publicKey(), RepoTrust.SIGNED_REPOMD);
        assertThatThrownBy(repo::packages)
                .isInstanceOf(RepoChecksumMismatchError.class)
                .hasMessageContaining(primary.file().href())
                .hasMessageContaining("does not match repomd.xml")
                .hasMessageContaining("sha256 " + primary.file().checksum().hex())
                .hasMessageContaining("sha256 " + HexFormat.of().formatHex(sha256(other)));
        assertThat(temp.resolve("cache/blobs/sha256")
                        .resolve(primary.file().checksum().hex()))
                .doesNotExist();
    }

    @Test
    void anAlteredRepomdFailsItsSignature() throws IOException {
        Path copy = fixture.copyTo(temp.resolve("copy"));
        Path repomd = copy.resolve("repodata/repomd.xml");
        Files.writeString(repomd, Files.readString(repomd) + "<!-- altered -->\n");
        assertThatThrownBy(() -> open(copy, fixture.publicKey(), RepoTrust.SIGNED_PACKAGES)
                        .repomd())
                .isInstanceOf(BadSignatureError.class)
                .hasMessageContaining("repomd.xml");
    }

    @Test
    void aRepomdSignedByAnotherKeyIsUntrusted() {
        assertThatThrownBy(() -> open(fixture.repo(), fixture.otherKey(), RepoTrust.SIGNED_REPOMD)
                        .repomd())
                .isInstanceOf(UntrustedSignatureError.class)
                .hasMessageContaining("repomd.xml");
    }

    @Test
    void anUnsignedRepomdIsAcceptedOnlyWhenThePackagesAreChecked() throws IOException {
        Path copy = fixture.copyTo(temp.resolve("copy"));
        Files.delete(copy.resolve("repodata/repomd.xml.asc"));
        assertThatThrownBy(() ->
                        open(copy, fixture.publicKey(), RepoTrust.SIGNED_REPOMD).repomd())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("publishes no signature")
                .hasMessageContaining("openEuler");
        assertThat(open(copy, fixture.publicKey(), RepoTrust.SIGNED_PACKAGES).packages())
                .hasSize(4);
    }

    @Test
    void aDirectoryWithoutRepomdIsNotARepository() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> open(empty, fixture.publicKey(), RepoTrust.SIGNED_REPOMD)
                        .repomd())
                .isInstanceOf(MirrorFileNotFoundError.class)
                .hasMessageContaining("repodata/repomd.xml")
                .hasMessageContaining("holds repodata/");
    }

    private Set<RpmDependency> deps(Path rpm, String query) throws IOException, InterruptedException {
        Set<RpmDependency> out = new HashSet<>();
        for (String line : query(rpm, query)) {
            out.add(RpmDependency.parse(line));
        }
        return out;
    }

    private List<String> query(Path rpm, String... query) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("rpm", "--dbpath", temp.resolve("rpmdb").toString(), "-qp"));
        command.addAll(List.of(query));
        command.add(rpm.toString());
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
