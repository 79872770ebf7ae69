package io.crossroot.rpm;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Digests;
import io.crossroot.debian.Paragraph;
import io.crossroot.testing.BusyboxImage;
import io.crossroot.util.Dirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small but real riscv64 rpm-md repository, made with the host's Debian tools from Debian's own riscv64
 * binaries: rpmbuild --target riscv64 builds the specs under test resources io/crossroot/rpm/fixture (filesystem,
 * busybox, glibc, hello: requires and provides between them, a rich, a file and a weak dependency, %pre adding the
 * user that owns a file, a shell and a Lua %post, a file trigger), rpmsign signs them with a throw-away key,
 * createrepo_c indexes them with the comps file, and gpg signs repomd.xml. Built once into the crossroot cache,
 * keyed by the specs' content, so later runs only read it.
 */
public final class RpmFixtureRepo {
    /** Bump when the build below changes in a way the specs do not show. */
    private static final String BUILD_VERSION = "1";

    private static final List<String> SPECS = List.of("filesystem", "busybox", "glibc", "hello");
    /** The Debian package whose riscv64 files each spec packs. */
    private static final Map<String, String> DEBIAN_SOURCES =
            Map.of("busybox", "busybox-static", "glibc", "libc6", "hello", "hello");

    private static RpmFixtureRepo built;

    private final Path dir;

    private RpmFixtureRepo(Path dir) {
        this.dir = dir;
    }

    /** The fixture, built on first use. */
    public static synchronized RpmFixtureRepo get() {
        if (built == null) {
            try {
                built = new RpmFixtureRepo(buildOrReuse());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return built;
    }

    /** The repository (the directory holding repodata/ and Packages/). */
    public Path repo() {
        return dir.resolve("repo");
    }

    public URI uri() {
        return repo().toUri();
    }

    /** The public half of the key that signed the packages and repomd.xml (armored). */
    public Path publicKey() {
        return dir.resolve("key.asc");
    }

    /** Another throw-away public key, which signed nothing here. */
    public Path otherKey() {
        return dir.resolve("other-key.asc");
    }

    /** The signed .rpm files. */
    public List<Path> rpms() {
        try (Stream<Path> files = Files.list(repo().resolve("Packages"))) {
            return files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the repository under {@code target}, to damage in a test. */
    public Path copyTo(Path target) throws IOException {
        copyTree(repo(), target);
        return target;
    }

    private static Path buildOrReuse() throws IOException, InterruptedException {
        Path home = Dirs.cache().resolve("test-fixtures").resolve("rpm-md-" + contentKey());
        if (Files.isDirectory(home.resolve("repo/repodata"))) {
            return home;
        }
        Files.createDirectories(home.getParent());
        Path work = Files.createTempDirectory(home.getParent(), "building-");
        try {
            build(work);
            try {
                Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(home.resolve("repo/repodata"))) {
                    throw e;
                }
                // another test JVM finished first; its identical build is used
            }
        } finally {
            deleteTree(work);
        }
        return home;
    }

    private static String contentKey() throws IOException {
        MessageDigest d = Digests.sha256();
        d.update(BUILD_VERSION.getBytes(StandardCharsets.UTF_8));
        for (String name : resourceNames()) {
            d.update(resource(name));
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    }

    private static List<String> resourceNames() {
        List<String> names = new ArrayList<>();
        SPECS.forEach(s -> names.add(s + ".spec"));
        names.add("comps.xml");
        return names;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RpmFixtureRepo.class.getResourceAsStream("fixture/" + name)) {
            if (in == null) {
                throw new IOException("test resource io/crossroot/rpm/fixture/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static void build(Path work) throws IOException, InterruptedException {
        Path sources = Files.createDirectories(work.resolve("sources"));
        for (String name : resourceNames()) {
            Files.write(sources.resolve(name), resource(name));
        }
        extractDebianBinaries(work.resolve("payload"));
        Path top = work.resolve("rpmbuild");
        Path dbpath = work.resolve("rpmdb");
        for (String spec : SPECS) {
            run(
                    work,
                    Map.of(),
                    "rpmbuild",
                    "-bb",
                    "--target",
                    "riscv64",
                    "--define",
                    "_topdir " + top,
                    "--define",
                    "_dbpath " + dbpath,
                    "--define",
                    "payload " + work.resolve("payload"),
                    // no host strip or build-id links for foreign binaries; the fixture ships them as Debian built them
                    "--define",
                    "__os_install_post %{nil}",
                    "--define",
                    "debug_package %{nil}",
                    "--define",
                    "_build_id_links none",
                    sources.resolve(spec + ".spec").toString());
        }
        Path repo = Files.createDirectories(work.resolve("repo/Packages"));
        try (Stream<Path> rpms = Files.walk(top.resolve("RPMS"))) {
            for (Path rpm : rpms.filter(p -> p.toString().endsWith(".rpm")).toList()) {
                Files.copy(rpm, repo.resolve(rpm.getFileName()));
            }
        }
        Path gnupg = newKey(work, "gnupg", "crossroot rpm fixture <rpm-fixture@crossroot.invalid>", "key.asc");
        Path otherGnupg = newKey(work, "gnupg-other", "crossroot other key <other@crossroot.invalid>", "other-key.asc");
        try {
            String fingerprint = fingerprint(work, gnupg);
            List<String> sign = new ArrayList<>(List.of(
                    "rpmsign",
                    "--addsign",
                    "--define",
                    "_gpg_name " + fingerprint,
                    "--define",
                    "__gpg /usr/bin/gpg",
                    "--define",
                    "_gpg_path " + gnupg,
                    "--define",
                    "_dbpath " + dbpath));
            try (Stream<Path> rpms = Files.list(repo)) {
                rpms.sorted().forEach(p -> sign.add(p.toString()));
            }
            run(work, Map.of(), sign.toArray(String[]::new));
            run(
                    work,
                    Map.of(),
                    "createrepo_c",
                    "--no-database",
                    "--general-compress-type=gz",
                    "-g",
                    sources.resolve("comps.xml").toString(),
                    work.resolve("repo").toString());
            Path repomd = work.resolve("repo/repodata/repomd.xml");
            run(
                    work,
                    Map.of(),
                    "gpg",
                    "--homedir",
                    gnupg.toString(),
                    "--batch",
                    "--detach-sign",
                    "--armor",
                    "-o",
                    repomd + ".asc",
                    repomd.toString());
        } finally {
            stopAgent(work, gnupg);
            stopAgent(work, otherGnupg);
        }
        deleteTree(work.resolve("rpmbuild"));
        deleteTree(work.resolve("payload"));
        deleteTree(dbpath);
    }

    /** Debian's riscv64 files of each spec's package, unpacked with dpkg-deb under payload/SPEC. */
    private static void extractDebianBinaries(Path payload) throws IOException, InterruptedException {
        DebianRepository debian = BusyboxImage.repository();
        Map<String, Paragraph> found = new HashMap<>();
        debian.forEachPackage(List.of("main"), "riscv64", p -> {
            if (DEBIAN_SOURCES.containsValue(p.get("Package"))) {
                found.put(p.get("Package"), p);
            }
        });
        for (Map.Entry<String, String> e : DEBIAN_SOURCES.entrySet()) {
            Paragraph pkg = found.get(e.getValue());
            if (pkg == null) {
                throw new IOException("the mirror's riscv64 index has no " + e.getValue());
            }
            Path target = Files.createDirectories(payload.resolve(e.getKey()));
            run(payload, Map.of(), "dpkg-deb", "-x", debian.fetch(pkg).toString(), target.toString());
        }
    }

    private static Path newKey(Path work, String name, String userId, String export)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(work.resolve(name));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        run(
                work,
                Map.of(),
                "gpg",
                "--homedir",
                home.toString(),
                "--batch",
                "--passphrase",
                "",
                "--quick-gen-key",
                userId,
                "rsa2048",
                "sign",
                "never");
        Files.write(
                work.resolve(export), run(work, Map.of(), "gpg", "--homedir", home.toString(), "--armor", "--export"));
        return home;
    }

    private static String fingerprint(Path work, Path home) throws IOException, InterruptedException {
        String colons = new String(
                run(work, Map.of(), "gpg", "--homedir", home.toString(), "--with-colons", "--list-keys"),
                StandardCharsets.UTF_8);
        return colons.lines()
                .filter(l -> l.startsWith("fpr:"))
                .map(l -> l.split(":")[9])
                .findFirst()
                .orElseThrow(() -> new IOException("gpg listed no fingerprint: " + colons));
    }

    private static void stopAgent(Path work, Path home) throws IOException, InterruptedException {
        if (Files.isDirectory(home)) {
            run(work, Map.of(), "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
        }
    }

    /** Runs a host tool; its stdout, or an IOException with its output when it fails. */
    public static byte[] run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Path err = Files.createTempFile("rpm-fixture-", ".err");
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8)
                        + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
