package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Exit codes and messages: 0 ok, 1 failure with a one-paragraph explanation, 2 usage. */
class CliUsageTest {
    /** Every leaf command (one that runs, no subcommands of its own) by its path, e.g. "binfmt status". */
    static Map<String, CommandLine> leaves() {
        Map<String, CommandLine> leaves = new TreeMap<>();
        collectLeaves(Main.newCommandLine(), leaves);
        return leaves;
    }

    private static void collectLeaves(CommandLine command, Map<String, CommandLine> leaves) {
        if (command.getSubcommands().isEmpty()) {
            String path = command.getCommandSpec().qualifiedName(" ");
            leaves.put(path.substring("crossroot ".length()), command);
        }
        // aliases map to the same CommandLine: each once
        new java.util.LinkedHashSet<>(command.getSubcommands().values()).forEach(c -> collectLeaves(c, leaves));
    }

    static Stream<String> leafNames() {
        return leaves().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("leafNames")
    void everyLeafCommandHasHelpNamingEachOfItsOptions(String command) {
        CliRun r = CliRun.of((command + " --help").split(" "));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: crossroot " + command + " ").contains("--help");
        for (CommandLine.Model.OptionSpec option :
                leaves().get(command).getCommandSpec().options()) {
            if (!option.hidden()) {
                assertThat(r.out())
                        .as("help of %s names %s", command, option.longestName())
                        .contains(option.longestName());
            }
        }
    }

    /** Leaves that stream a program's or a console's output rather than print a result, so have no --json. */
    private static final Set<String> WITHOUT_RESULT = Set.of("run", "container run", "help");

    @ParameterizedTest
    @MethodSource("leafNames")
    void everyCommandThatPrintsAResultOffersJson(String command) {
        boolean hasJson = leaves().get(command).getCommandSpec().findOption("--json") != null;
        assertThat(hasJson).as("%s offers --json", command).isEqualTo(!WITHOUT_RESULT.contains(command));
    }

    /** Per leaf: a command line with a usage mistake (a missing required input or a bad value), and the name the message must give. */
    private static final Map<String, List<String>> USAGE_MISTAKES = Map.ofEntries(
            Map.entry("arch list", List.of("arch list --json=maybe", "--json")),
            Map.entry("elf", List.of("elf", "FILE")),
            Map.entry("binfmt status", List.of("binfmt status --json=maybe", "--json")),
            Map.entry("binfmt install", List.of("binfmt install --mirror ht^tp://x", "--mirror")),
            Map.entry("binfmt uninstall", List.of("binfmt uninstall --all=maybe", "--all")),
            Map.entry("binfmt verify", List.of("binfmt verify --suite ..", "--suite")),
            Map.entry("run", List.of("run --arch riscv64", "PROG")),
            Map.entry("rootfs", List.of("rootfs -o /tmp/crossroot-never-written", "--arch")),
            Map.entry(
                    "disk build",
                    List.of("disk build --rootfs /tmp/r -o /tmp/crossroot-never-written.img", "--layout")),
            Map.entry("boot", List.of("boot disk.img --timeout soon", "--timeout")),
            Map.entry("build", List.of("build --toolbox-suite a/b", "--toolbox-suite")),
            Map.entry("lock", List.of("lock --suite ../etc", "--suite")),
            Map.entry(
                    "image build",
                    List.of("image build --arch riscv64 --load --source-date-epoch yesterday", "--source-date-epoch")),
            Map.entry("image load", List.of("image load", "DIR|TAR")),
            Map.entry("container run", List.of("container run demo:1.0", "--arch")),
            Map.entry("pkg build", List.of("pkg build --arch riscv64 -j 0 hello", "-j")),
            Map.entry("pkg bench", List.of("pkg bench --arch riscv64 --runs 0 hello", "--runs")));

    @Test
    void everyLeafExceptHelpHasAUsageMistakeListed() {
        Set<String> expected = new TreeSet<>(leaves().keySet());
        expected.remove("help"); // 'help' takes any word and only prints
        assertThat(new TreeSet<>(USAGE_MISTAKES.keySet())).isEqualTo(expected);
    }

    static Stream<String> mistakenLeaves() {
        return USAGE_MISTAKES.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("mistakenLeaves")
    void aUsageMistakeExitsTwoNamingTheOptionWithoutAStackTrace(String command) {
        List<String> mistake = USAGE_MISTAKES.get(command);
        CliRun r = CliRun.of(mistake.get(0).split(" "));
        assertThat(r.exitCode()).as(mistake.get(0)).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("crossroot: ")
                .contains(mistake.get(1))
                .contains("Run 'crossroot " + command + " --help' for usage.")
                .doesNotContain("Exception", "\tat ", "internal error");
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(CliRun.of("--help").out())
                .contains(
                        "build",
                        "lock",
                        "arch",
                        "elf",
                        "binfmt",
                        "run",
                        "rootfs",
                        "disk",
                        "boot",
                        "image",
                        "container",
                        "pkg",
                        "help");
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
    @ValueSource(
            strings = {
                "rootfs --arch riscv64 -o /tmp/x --suite ../../etc",
                "pkg build --arch riscv64 --suite trixie/../../etc hello",
                "image build --arch riscv64 --suite /etc -o /tmp/x",
                "binfmt verify --arch riscv64 --suite ..",
                "disk build --rootfs /tmp/r --layout l.yaml -o /tmp/x.img --toolbox-suite a/b"
            })
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
        assertThat(r.err())
                .contains("Unknown architecture 'vax'")
                .contains("riscv64")
                .doesNotContain("Exception");
    }

    @Test
    void archListJsonNamesEveryEcosystem() {
        CliRun r = CliRun.of("arch", "list", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(
                        "\"debian\" : \"riscv64\"",
                        "\"rpm\" : \"aarch64\"",
                        "\"variant\" : \"v7\"",
                        "\"uname\" : \"armv7l\"",
                        "\"qemu\" : \"loongarch64\"",
                        "\"magic\" : \"7f454c46");
    }

    @Test
    void elfPrintsTheSameFactsAsJsonAndAsText() {
        String riscv = "src/test/resources/fixtures/elf/riscv64-true";
        CliRun json = CliRun.of("elf", "--json", riscv);
        assertThat(json.exitCode()).isZero();
        assertThat(json.out())
                .startsWith("{")
                .contains(
                        "\"file\" : \"" + riscv + "\"",
                        "\"class\" : \"ELF64\"",
                        "\"machine\" : 243",
                        "\"arch\" : \"riscv64\"");
        CliRun text = CliRun.of("elf", riscv);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .contains("Class:", "ELF64, little-endian")
                .contains("(riscv64, riscv64)")
                .doesNotContain("{");
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
