package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.cli.Main;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.util.Dirs;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds one real minbase riscv64 trixie root from the host's mirror (needs root; registers binfmt if missing)
 * through the CLI, right after an interrupted attempt at the same output, and checks that one build several ways.
 */
@Tag("rootfs")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootfsIntegrationTest {
    @TempDir
    static Path tmp; // static: shared by @BeforeAll and the checks

    private Path out;
    private JsonNode summary;
    private String interruptedStderr;
    private byte[] statusAfterBuild;

    @BeforeAll
    void interruptThenBuild() throws Exception {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
        EmulationSetup.ensure(repo, List.of(ArchCatalog.require("riscv64")), DownloadListener.NONE);
        out = tmp.resolve("minbase");
        interruptedStderr = runAndInterruptOnUnpack(out);

        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(
                new PrintWriter(stdout, true),
                new PrintWriter(stderr, true),
                "rootfs",
                "--arch",
                "riscv64",
                "--suite",
                "trixie",
                "--fresh",
                "--json",
                "-o",
                out.toString());
        assertThat(code).as(stderr.toString()).isZero();
        summary = new ObjectMapper().readTree(stdout.toString());
        statusAfterBuild = Files.readAllBytes(out.resolve("var/lib/dpkg/status")); // later tests install more
    }

    @Test
    void nativeGzipWritesWhatTheEmulatedOneWritesAndIsPutBack() throws Exception {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
        Toolbox host = new ToolboxInstaller(repo, Dirs.cache(), DownloadListener.NONE)
                .install(List.of("gzip", NativeHelpers.SHELL_PACKAGE), Map.of(), false);
        String version = statusVersion("gzip");
        assertThat(host.versions()).containsEntry("gzip", version); // same suite, same version
        byte[] emulatedProgram = Files.readAllBytes(out.resolve("usr/bin/gzip"));
        String compress = "gzip -9 -n -c /usr/share/common-licenses/GPL-3 > /root/";
        ChrootSandbox sandbox = new ChrootSandbox();
        try {
            assertThat(sandbox.exec(
                                    out,
                                    List.of("/bin/sh", "-c", compress + "emulated.gz"),
                                    MaintainerScripts.ENV,
                                    l -> {})
                            .ok())
                    .isTrue();
            // the mechanism kmod's depmod gets in kernel sets, on the gzip of minbase
            NativeHelpers helpers = NativeHelpers.install(
                    out,
                    Map.of("gzip", version),
                    host,
                    List.of(NativeHelpers.Program.same("gzip", "usr/bin/gzip")),
                    RootfsProgress.NONE);
            assertThat(helpers.replaced()).containsExactly("usr/bin/gzip");
            // the stand-in starts without emulation: the host's static busybox runs it
            assertThat(Files.readString(out.resolve("usr/bin/gzip")))
                    .startsWith("#!/" + NativeHelpers.DIR + "/usr/bin/busybox sh\n");
            List<String> lines = new ArrayList<>();
            assertThat(sandbox.exec(
                                    out,
                                    List.of("/bin/sh", "-c", compress + "native.gz; zcat /root/native.gz | wc -c"),
                                    MaintainerScripts.ENV,
                                    lines::add)
                            .ok())
                    .as(String.join("\n", lines))
                    .isTrue();
            assertThat(out.resolve("root/native.gz")).hasSameBinaryContentAs(out.resolve("root/emulated.gz"));
            assertThat(Long.parseLong(lines.get(0).strip()))
                    .isEqualTo(Files.size(out.resolve("usr/share/common-licenses/GPL-3")));
            helpers.requireNoCopies(RootfsProgress.NONE);
            // a script that copies the stand-in somewhere lasting is caught before the root is finished
            Files.copy(out.resolve("usr/bin/gzip"), out.resolve("root/gzip-copy"));
            assertThatThrownBy(() -> helpers.requireNoCopies(RootfsProgress.NONE))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining(out.resolve("root/gzip-copy").toString())
                    .hasMessageContaining("--emulate-all");
            helpers.remove();
        } finally {
            Files.deleteIfExists(out.resolve("root/emulated.gz"));
            Files.deleteIfExists(out.resolve("root/native.gz"));
            Files.deleteIfExists(out.resolve("root/gzip-copy"));
        }
        assertThat(Files.readAllBytes(out.resolve("usr/bin/gzip"))).isEqualTo(emulatedProgram);
        assertThat(out.resolve(NativeHelpers.DIR)).doesNotExist();
        assertThat(out.resolve("usr/bin/.gzip.crossroot-emulated")).doesNotExist();
    }

    private String statusVersion(String pkg) throws Exception {
        String status = Files.readString(out.resolve("var/lib/dpkg/status"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?m)^Package: " + pkg + "\n(?:[^\n]+\n)*?Version: (\\S+)")
                .matcher(status);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void identicalRebuildCopiesTheStoredRoot() throws Exception {
        Path again = tmp.resolve("again");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(
                new PrintWriter(stdout, true),
                new PrintWriter(stderr, true),
                "rootfs",
                "--arch",
                "riscv64",
                "--suite",
                "trixie",
                "--json",
                "-o",
                again.toString());
        assertThat(code).as(stderr.toString()).isZero();
        JsonNode reused = new ObjectMapper().readTree(stdout.toString());
        assertThat(reused.get("reusedConfiguredRoot").asBoolean()).isTrue();
        assertThat(summary.get("reusedConfiguredRoot").asBoolean()).isFalse();
        assertThat(reused.get("timings").has("configure")).isFalse();
        assertThat(again.resolve("var/lib/dpkg/status")).hasBinaryContent(statusAfterBuild);
        assertThat(Files.readAttributes(again.resolve("usr/bin/passwd"), "unix:mode,uid")
                        .get("mode"))
                .isEqualTo(Files.readAttributes(out.resolve("usr/bin/passwd"), "unix:mode,uid")
                        .get("mode"));
        assertThat(Files.getPosixFilePermissions(again)).isEqualTo(Files.getPosixFilePermissions(out));
        Trees.delete(again);
    }

    @Test
    void interruptedRunLeavesNothingBehind() throws Exception {
        assertThat(interruptedStderr).contains("unpacking:");
        // the later successful build took OUT; nothing else may be there
        assertThat(tmp.toFile().list())
                .contains("minbase")
                .allMatch(n -> !n.contains(".partial-") && !n.endsWith(".deleting"));
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(tmp.toString());
    }

    @Test
    void jsonSummaryDescribesTheBuild() {
        assertThat(summary.get("arch").asText()).isEqualTo("riscv64");
        assertThat(summary.get("suite").asText()).isEqualTo("trixie");
        assertThat(summary.get("variant").asText()).isEqualTo("minbase");
        assertThat(summary.get("packages").asInt()).isBetween(50, 150);
        assertThat(summary.get("output").asText()).isEqualTo(out.toString());
        assertThat(summary.get("timings").get("total").asDouble()).isPositive();
        assertThat(summary.get("timings").get("configure").asDouble()).isPositive();
    }

    @Test
    void minbaseIsConsistentAndCanInstallMore() {
        assertThat(out.resolve("usr/sbin/policy-rc.d")).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("bin"))).isTrue();
        RootfsVerifier verifier = new RootfsVerifier(new ChrootSandbox());
        List<String> packages = new ArrayList<>();
        try (var s = Files.lines(out.resolve("var/lib/dpkg/status"))) {
            s.filter(l -> l.startsWith("Package: ")).forEach(l -> packages.add(l.substring(9)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(packages).hasSize(summary.get("packages").asInt()).contains("apt", "dpkg", "base-files", "libc6");
        assertThat(verifier.problems(out, packages)).isEmpty();
        assertThat(verifier.installProblems(out, "netbase")).isEmpty();
    }

    @Test
    void tarKeepsOwnershipModesLinksAndDevices() throws Exception {
        Path device = out.resolve("dev/crossroot-test-null");
        assertThat(new ProcessBuilder("mknod", "-m", "0666", device.toString(), "c", "1", "3")
                        .start()
                        .waitFor())
                .isZero();
        Path tar = tmp.resolve("minbase.tar");
        try (OutputStream os = Files.newOutputStream(tar)) {
            RootfsTar.write(out, os);
        }
        Files.delete(device);
        Map<String, TarArchiveEntry> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName().replaceFirst("^\\./", "/").replaceFirst("(.)/$", "$1"), e);
            }
        }
        TarArchiveEntry passwd = entries.get("/usr/bin/passwd");
        assertThat(entries.get("/").getMode()).isEqualTo(0755); // the root itself, not the staging dir's 0700
        assertThat(passwd.getMode()).isEqualTo(04755); // setuid survives
        assertThat(passwd.getLongUserId()).isZero();
        TarArchiveEntry shadow = entries.get("/etc/shadow");
        assertThat(shadow.getMode() & 0777).isEqualTo(0640);
        assertThat(shadow.getLongGroupId()).isEqualTo(42); // group shadow
        assertThat(entries.get("/bin").isSymbolicLink()).isTrue();
        assertThat(entries.get("/bin").getLinkName()).isEqualTo("usr/bin");
        assertThat(entries.values()).anySatisfy(e -> assertThat(e.isLink()).isTrue()); // perl's hardlinks
        TarArchiveEntry dev = entries.get("/dev/crossroot-test-null");
        assertThat(dev.isCharacterDevice()).isTrue();
        assertThat(dev.getDevMajor()).isEqualTo(1);
        assertThat(dev.getDevMinor()).isEqualTo(3);
        assertThat(tarTv(tar)).anyMatch(l -> l.startsWith("-rwsr-xr-x 0/0") && l.endsWith("./usr/bin/passwd"));
    }

    /** `tar -tvf` must read the archive too (GNU tar is stricter than commons-compress about headers). */
    private static List<String> tarTv(Path tar) throws Exception {
        Process p = new ProcessBuilder("tar", "-tvf", tar.toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(p.waitFor())
                .as(String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())))
                .isZero();
        return lines;
    }

    /** Starts the CLI as a process, interrupts it once unpacking has started, and returns its stderr. */
    private static String runAndInterruptOnUnpack(Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "rootfs",
                        "--arch",
                        "riscv64",
                        "--suite",
                        "trixie",
                        "--fresh",
                        "-o",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        StringBuilder log = new StringBuilder();
        CountDownLatch unpacking = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("unpacking:")) {
                        unpacking.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        assertThat(unpacking.await(10, TimeUnit.MINUTES))
                .as("unpacking started")
                .isTrue();
        Thread.sleep(1500);
        // TERM runs the same shutdown hooks as Ctrl-C's INT, which a JVM started from a background job ignores
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        reader.join();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).doesNotExist();
        assertThat(out.getParent().toFile().list()).as("no OUT.partial-* left").isEmpty();
        synchronized (log) {
            return log.toString();
        }
    }

    /** Registers crossroot's qemu for the architecture, as "crossroot binfmt install" does, unless one exists. */
}
