package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.util.Dirs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The foundation issue's acceptance path, against the real mirror and the real kernel: install riscv64 and
 * arm64 interpreters fetched from Debian, verify them with real probe binaries, inspect foreign ELF files,
 * uninstall. Needs root (CI runs as root).
 */
@Tag("binfmt")
@Tag("mirror")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BinfmtEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void requireRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "binfmt_misc registration needs root");
    }

    @Test
    @Order(1)
    void installRegistersCrossrootsOwnStaticInterpreters() throws Exception {
        // --force: a developer machine may have a distribution qemu package registered for the same programs
        CliRun r = CliRun.of("binfmt", "install", "--arch", "riscv64,arm64", "--force", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode entries = JSON.readTree(r.out()).get("entries");
        assertThat(entries).hasSize(2);
        for (JsonNode e : entries) {
            assertThat(e.get("flags").asText()).isEqualTo("POF");
            assertThat(Path.of(e.get("interpreter").asText())).startsWith(Dirs.cache());
        }
        CliRun status = CliRun.of("binfmt", "status", "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("\"name\" : \"qemu-riscv64\"", "\"name\" : \"qemu-aarch64\"");
    }

    @Test
    @Order(2)
    void verifyRunsRealProbesThatPrintTheirUname() throws Exception {
        CliRun r = CliRun.of("binfmt", "verify", "--arch", "riscv64,arm64", "--json");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        JsonNode probes = JSON.readTree(r.out());
        assertThat(probes).hasSize(2);
        assertThat(probes.get(0).get("actual").asText()).isEqualTo("riscv64");
        assertThat(probes.get(1).get("actual").asText()).isEqualTo("aarch64");
        assertThat(probes.get(0).get("entry").asText()).isEqualTo("qemu-riscv64");

        CliRun text = CliRun.of("binfmt", "verify");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("riscv64").contains("aarch64");
    }

    @Test
    @Order(3)
    void elfNamesTheLoaderAndTheMatchingEntry() throws Exception {
        CliRun foreign = CliRun.of("elf", "--json", "src/test/resources/fixtures/elf/riscv64-true");
        assertThat(foreign.exitCode()).isZero();
        JsonNode f = JSON.readTree(foreign.out());
        assertThat(f.get("arch").asText()).isEqualTo("riscv64");
        assertThat(f.get("interpreter").asText()).isEqualTo("/lib/ld-linux-riscv64-lp64d.so.1");
        assertThat(f.at("/binfmt/entry").asText()).isEqualTo("qemu-riscv64");
        assertThat(Path.of(f.at("/binfmt/interpreter").asText())).startsWith(Dirs.cache());

        CliRun host = CliRun.of("elf", "/bin/ls");
        assertThat(host.exitCode()).isZero();
        assertThat(host.out())
                .contains("Interpreter: /lib64/ld-linux-x86-64.so.2")
                .contains("runs natively");
    }

    @AfterAll
    static void uninstall() {
        if ("root".equals(System.getProperty("user.name"))) {
            CliRun r = CliRun.of("binfmt", "uninstall", "--json");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("qemu-riscv64").contains("qemu-aarch64");
        }
    }
}
