package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages: 0 ok, 1 failure with a one-paragraph explanation, 2 usage. */
class CliUsageTest {
    @ParameterizedTest
    @ValueSource(strings = {"arch list", "elf", "binfmt status", "binfmt install", "binfmt uninstall", "binfmt verify", "run"})
    void everyCommandHasHelp(String command) {
        CliRun r = CliRun.of((command + " --help").split(" "));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: crossroot " + command).contains("--help");
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(CliRun.of("--help").out()).contains("build", "arch", "elf", "binfmt", "run", "rootfs", "disk",
                "boot", "image", "container", "pkg", "help");
        assertThat(CliRun.of("binfmt", "--help").out()).contains("status", "install", "uninstall", "verify");
        assertThat(CliRun.of("image", "--help").out()).contains("build", "load");
        assertThat(CliRun.of("pkg", "--help").out()).contains("build", "bench");
    }

    @Test
    void aMistypedSubcommandGetsASuggestion() {
        CliRun r = CliRun.of("image", "bulid");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Did you mean").contains("build");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.of("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate").contains("--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rootfs --arch riscv64 -o /tmp/x --suite ../../etc",
            "pkg build --arch riscv64 --suite trixie/../../etc hello",
            "image build --arch riscv64 --suite /etc -o /tmp/x",
            "binfmt verify --arch riscv64 --suite ..",
            "disk build --rootfs /tmp/r --layout l.yaml -o /tmp/x.img --toolbox-suite a/b"})
    void aSuiteThatIsAPathIsAUsageError(String line) {
        CliRun r = CliRun.of(line.split(" "));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not a Debian suite or codename").doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "many"})
    void jobsBelowOneOrNotANumberAreAUsageError(String jobs) {
        CliRun r = CliRun.of("pkg", "build", "--arch", "riscv64", "-j", jobs, "hello");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("-j").doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(CliRun.of("binfmt").exitCode()).isEqualTo(2);
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
    }

    @Test
    void qemuArgumentsWithoutInteractiveBootAreAUsageError() {
        CliRun r = CliRun.of("boot", "disk.img", "--", "-m", "4096");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("for --interactive only");
    }

    @Test
    void unknownArchitectureFailsWithTheKnownNames() {
        CliRun r = CliRun.of("binfmt", "install", "--arch", "vax");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Unknown architecture 'vax'").contains("riscv64").doesNotContain("Exception");
    }

    @Test
    void archListJsonNamesEveryEcosystem() {
        CliRun r = CliRun.of("arch", "list", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\"debian\" : \"riscv64\"", "\"rpm\" : \"aarch64\"", "\"variant\" : \"v7\"",
                "\"uname\" : \"armv7l\"", "\"qemu\" : \"loongarch64\"", "\"magic\" : \"7f454c46");
    }

    @Test
    void truncatedElfIsAClearFailureNotAStackTrace(@TempDir Path dir) throws IOException {
        byte[] real = Files.readAllBytes(Path.of("src/test/resources/fixtures/elf/riscv64-true"));
        Path cut = dir.resolve("cut");
        Files.write(cut, java.util.Arrays.copyOf(real, 100));
        CliRun r = CliRun.of("elf", cut.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("crossroot: ").contains(cut.toString()).doesNotContain("at io.crossroot");
    }

    @Test
    void elfOfAMissingFileFails(@TempDir Path dir) {
        CliRun r = CliRun.of("elf", dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope");
    }
}
