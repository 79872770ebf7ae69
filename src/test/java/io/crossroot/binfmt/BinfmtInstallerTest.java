package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinfmtInstallerTest {
    @TempDir
    Path tmp;

    private InMemoryKernel kernel;
    private BinfmtConfFile conf;
    private InstalledEntries installed;
    private ReplacedEntries replaced;
    private PersistentInterpreters persistent;
    private BinfmtInstaller installer;
    private Path cache;
    private final List<Arch> asked = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        kernel = new InMemoryKernel();
        conf = new BinfmtConfFile(tmp.resolve("etc/binfmt.d"));
        cache = tmp.resolve("cache");
        installed = new InstalledEntries(
                cache.resolve("binfmt/installed-entries"), cache, tmp.resolve("usr/local/lib/crossroot"));
        replaced = new ReplacedEntries(tmp.resolve("var/lib/crossroot/binfmt-replaced-entries"));
        persistent = new PersistentInterpreters(tmp.resolve("usr/local/lib/crossroot"));
        // this test's host is amd64, whatever the real one is
        installer = new BinfmtInstaller(
                kernel,
                conf,
                installed,
                replaced,
                persistent,
                a -> a.debian().equals("amd64") || a.debian().equals("i386"));
    }

    /** A static ELF stands in for a static qemu (the installer only checks it is a static executable). */
    private Path qemu(Arch a) {
        asked.add(a);
        try {
            Path p = cache.resolve("qemu/qemu-" + a.qemu() + "-static");
            if (!Files.exists(p)) {
                Files.createDirectories(p.getParent());
                Files.copy(Path.of("src/test/resources/fixtures/elf/riscv64-mksh-static"), p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return p;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static List<Arch> archs(String spec) {
        return ArchCatalog.parseList(spec);
    }

    @Test
    void registersOneEntryPerQemuTargetAndSkipsNativeArchs() {
        InstallResult r = installer.install(archs("riscv64,armhf,armel,amd64"), this::qemu, InstallOptions.defaults());
        assertThat(r.entries())
                .extracting(EntryOutcome::name, EntryOutcome::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("qemu-riscv64", InstallStatus.REGISTERED),
                        org.assertj.core.groups.Tuple.tuple("qemu-arm", InstallStatus.REGISTERED),
                        org.assertj.core.groups.Tuple.tuple("qemu-x86_64", InstallStatus.SKIPPED_NATIVE));
        assertThat(r.entries().get(1).archs()).containsExactly("armhf", "armel");
        assertThat(r.entries().get(0).flags()).isEqualTo("POF");
        assertThat(r.warnings()).isEmpty();
        assertThat(asked).extracting(Arch::debian).containsExactly("riscv64", "armhf"); // not for native amd64
        assertThat(kernel.find("qemu-arm"))
                .map(BinfmtEntry::pattern)
                .contains(ArchCatalog.require("armel").binfmtPattern());
        assertThat(conf.pathFor("qemu-riscv64")).doesNotExist();
    }

    @Test
    void secondInstallChangesNothing() {
        installer.install(archs("riscv64"), this::qemu, InstallOptions.defaults());
        InstallResult again = installer.install(archs("riscv64"), this::qemu, InstallOptions.defaults());
        assertThat(again.entries())
                .singleElement()
                .extracting(EntryOutcome::status)
                .isEqualTo(InstallStatus.UNCHANGED);
    }

    @Test
    void credentialsAddCAndAWarning() {
        InstallResult r = installer.install(archs("riscv64"), this::qemu, new InstallOptions(true, false, false));
        assertThat(r.entries().get(0).flags()).isEqualTo("POCF");
        assertThat(r.warnings()).singleElement().asString().contains("setuid");
    }

    @Test
    void persistWritesBinfmtDNamingACopyOutsideTheCache() throws IOException {
        InstallResult r = installer.install(archs("riscv64"), this::qemu, new InstallOptions(false, false, true));
        Path file = conf.pathFor("qemu-riscv64");
        Path copy = tmp.resolve("usr/local/lib/crossroot/qemu-riscv64-static");
        assertThat(r.entries().get(0).persistedTo()).isEqualTo(file.toString());
        assertThat(Files.readString(file)).contains(":qemu-riscv64:M:0:").contains(":" + copy + ":POF\n");
        assertThat(r.entries().get(0).interpreter()).isEqualTo(copy.toString());
        assertThat(kernel.find("qemu-riscv64")).map(BinfmtEntry::interpreter).contains(copy.toString());
        assertThat(copy).hasSameBinaryContentAs(qemu(ArchCatalog.require("riscv64")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                .isEqualTo("rwxr-xr-x");
        try (var aside = Files.list(copy.getParent())) {
            assertThat(aside).containsExactly(copy); // written beside and renamed: no temporary file left
        }

        io.crossroot.util.Trees.deleteQuietly(cache); // a cache clean, with crossroot's record of its entries
        assertThat(copy).isRegularFile();
        assertThat(installed.read()).isEmpty();

        UninstallResult u = installer.uninstall(false);
        assertThat(u.removed()).extracting(RemovedEntry::name).containsExactly("qemu-riscv64");
        assertThat(file).doesNotExist();
        assertThat(copy).doesNotExist();
    }

    @Test
    void forcedReplacementIsRememberedWholeAndUninstallRegistersItAgain() {
        BinfmtEntry distro = BinfmtEntry.parse("qemu-aarch64", KernelTexts.read("qemu-aarch64"));
        BinfmtEntry other = new BinfmtEntry(
                "riscv64-other",
                true,
                "/usr/bin/qemu-riscv64-other",
                "OC",
                0,
                ArchCatalog.require("riscv64").binfmtPattern(),
                null);
        kernel.entries.add(distro);
        kernel.entries.add(other);

        InstallResult forced =
                installer.install(archs("arm64,riscv64"), this::qemu, new InstallOptions(false, true, false));
        assertThat(forced.entries())
                .flatExtracting(EntryOutcome::replaced)
                .containsExactly("qemu-aarch64", "riscv64-other");
        assertThat(replaced.list()).containsExactlyInAnyOrder(distro, other);
        assertThat(kernel.find("qemu-aarch64")).map(BinfmtEntry::interpreter).isNotEqualTo(distro.interpreter());

        // a second forced install does not mistake crossroot's own entry for the original
        installer.install(archs("arm64"), this::qemu, new InstallOptions(true, true, false));
        assertThat(replaced.list()).containsExactlyInAnyOrder(distro, other);

        UninstallResult u = installer.uninstall(false);
        assertThat(u.removed())
                .extracting(RemovedEntry::name)
                .containsExactlyInAnyOrder("qemu-aarch64", "qemu-riscv64");
        assertThat(u.restored())
                .extracting(RestoredEntry::name, RestoredEntry::error)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("qemu-aarch64", null),
                        org.assertj.core.groups.Tuple.tuple("riscv64-other", null));
        assertThat(kernel.list()).containsExactlyInAnyOrder(distro, other);
        assertThat(replaced.list()).isEmpty();
    }

    @Test
    void uninstallAllRestoresNothingAndForgetsTheReplacedEntries() {
        kernel.entries.add(BinfmtEntry.parse("qemu-aarch64", KernelTexts.read("qemu-aarch64")));
        installer.install(archs("arm64"), this::qemu, new InstallOptions(false, true, false));
        UninstallResult u = installer.uninstall(true);
        assertThat(u.restored()).isEmpty();
        assertThat(kernel.list()).isEmpty();
        assertThat(replaced.list()).isEmpty();
    }

    @Test
    void aDisabledReplacedEntryComesBackDisabled() {
        BinfmtEntry disabled = new BinfmtEntry(
                "qemu-riscv64",
                false,
                "/usr/bin/qemu-riscv64",
                "F",
                0,
                ArchCatalog.require("riscv64").binfmtPattern(),
                null);
        kernel.entries.add(disabled);
        installer.install(archs("riscv64"), this::qemu, new InstallOptions(false, true, false));
        assertThat(kernel.find("qemu-riscv64")).map(BinfmtEntry::enabled).contains(true);
        installer.uninstall(false);
        assertThat(kernel.list()).containsExactly(disabled);
    }

    @Test
    void distributionEntryOfTheSameNameIsAConflictUnlessForced() {
        BinfmtEntry distro = BinfmtEntry.parse("qemu-aarch64", KernelTexts.read("qemu-aarch64"));
        kernel.entries.add(distro);
        InstallResult r = installer.install(archs("arm64"), this::qemu, InstallOptions.defaults());
        EntryOutcome o = r.entries().get(0);
        assertThat(o.status()).isEqualTo(InstallStatus.CONFLICT);
        assertThat(o.conflicts()).containsExactly("qemu-aarch64");
        assertThat(r.hasConflicts()).isTrue();
        assertThat(kernel.list()).containsExactly(distro);

        InstallResult forced = installer.install(archs("arm64"), this::qemu, new InstallOptions(false, true, false));
        assertThat(forced.entries().get(0).status()).isEqualTo(InstallStatus.UPDATED);
        assertThat(forced.entries().get(0).replaced()).containsExactly("qemu-aarch64");
        assertThat(kernel.find("qemu-aarch64"))
                .map(BinfmtEntry::interpreter)
                .contains(qemu(ArchCatalog.require("arm64")).toString());
    }

    @Test
    void entryUnderAnotherNameIsAConflictUnlessForced() {
        BinfmtEntry other = BinfmtEntry.parse("aarch64", KernelTexts.read("qemu-aarch64"));
        kernel.entries.add(other);
        assertThat(installer
                        .install(archs("arm64"), this::qemu, InstallOptions.defaults())
                        .entries()
                        .get(0)
                        .conflicts())
                .containsExactly("aarch64");
        InstallResult forced = installer.install(archs("arm64"), this::qemu, new InstallOptions(false, true, false));
        assertThat(forced.entries().get(0).status()).isEqualTo(InstallStatus.REGISTERED);
        assertThat(forced.entries().get(0).replaced()).containsExactly("aarch64");
        assertThat(kernel.list()).extracting(BinfmtEntry::name).containsExactly("qemu-aarch64");
    }

    @Test
    void crossrootsOwnOlderEntryIsReplacedWithoutForce() {
        installer.install(archs("riscv64"), this::qemu, InstallOptions.defaults());
        InstallResult r = installer.install(archs("riscv64"), this::qemu, new InstallOptions(true, false, false));
        assertThat(r.entries().get(0).status()).isEqualTo(InstallStatus.UPDATED);
        assertThat(kernel.find("qemu-riscv64")).map(BinfmtEntry::flags).contains("POCF");
    }

    @Test
    void dynamicInterpreterGivesAWarning() throws IOException {
        Path dynamic = tmp.resolve("qemu-dynamic");
        Files.copy(Path.of("src/test/resources/fixtures/elf/x86_64-true"), dynamic);
        Files.setPosixFilePermissions(dynamic, PosixFilePermissions.fromString("rwxr-xr-x"));
        InstallResult r = installer.install(archs("riscv64"), a -> dynamic, InstallOptions.defaults());
        assertThat(r.warnings()).singleElement().asString().contains("dynamically linked");
    }

    @Test
    void missingInterpreterIsAUserError() {
        assertThatThrownBy(
                        () -> installer.install(archs("riscv64"), a -> tmp.resolve("nope"), InstallOptions.defaults()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("missing or not " + "executable");
    }

    @Test
    void uninstallRemovesOnlyCrossrootsEntriesUnlessAll() {
        kernel.entries.add(BinfmtEntry.parse("qemu-aarch64", KernelTexts.read("qemu-aarch64")));
        kernel.entries.add(BinfmtEntry.parse("jar", KernelTexts.read("jar")));
        installer.install(archs("riscv64,s390x"), this::qemu, new InstallOptions(false, false, true));

        UninstallResult mine = installer.uninstall(false);
        assertThat(mine.removed())
                .extracting(RemovedEntry::name)
                .containsExactlyInAnyOrder("qemu-riscv64", "qemu-s390x");
        assertThat(mine.removed()).allMatch(RemovedEntry::crossroots).allMatch(e -> e.confDeleted() != null);
        assertThat(mine.warnings()).isEmpty();
        assertThat(kernel.list()).extracting(BinfmtEntry::name).containsExactlyInAnyOrder("qemu-aarch64", "jar");
        assertThat(installed.read()).isEmpty();

        UninstallResult all = installer.uninstall(true);
        assertThat(all.removed()).extracting(RemovedEntry::name).containsExactly("qemu-aarch64");
        assertThat(all.warnings()).singleElement().asString().contains("did not install");
        assertThat(kernel.list()).extracting(BinfmtEntry::name).containsExactly("jar");
    }
}
