package io.crossroot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UsageError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BuildRecipeTest {
    private static final String VALID = """
            arch: riscv64
            suite: trixie
            variant: minbase
            hostname: box
            image:
              tag: demo:1
            profile: direct-kernel
            layout: |
              table: gpt
              partitions:
                - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /}
            boot:
              expect: "login:"
              timeoutSeconds: 60
            """;

    private static BuildRecipe parse(String yaml) {
        return BuildRecipe.parse(yaml.getBytes(StandardCharsets.UTF_8), "r.yaml");
    }

    @Test
    void theDefaultAndAMinimalRecipeAreValid() {
        assertThat(BuildRecipe.embeddedDefault().image().tag()).isEqualTo("crossroot/debian:trixie");
        BuildRecipe r = parse(VALID);
        assertThat(r.emptyRootPassword()).isFalse();
        assertThat(r.qcow2()).isFalse();
        assertThat(r.include()).isEmpty();
        assertThat(r.boot().timeoutSeconds()).isEqualTo(60);
    }

    @Test
    void aMissingImageSectionIsReportedBeforeAnyWork() {
        assertThatThrownBy(() -> parse(VALID.replace("image:\n  tag: demo:1\n", "")))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("r.yaml:1: required key 'image' is missing");
        assertThatThrownBy(() -> parse(VALID.replace("  tag: demo:1\n", "  name: demo:1\n")))
                .hasMessageContaining("r.yaml:6: unknown key 'name' in 'image' (known keys: tag)")
                .hasMessageContaining("r.yaml:5: required key 'image.tag' is missing");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> parse(VALID + "arch: arm64\n"))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("r.yaml:15: key 'arch' appears twice (first on line 1)");
    }

    @Test
    void aBooleanWithoutValueOrOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> parse(VALID + "emptyRootPassword:\n"))
                .hasMessageStartingWith("r.yaml:15: 'emptyRootPassword' must be true or false, not empty");
        assertThatThrownBy(() -> parse(VALID + "qcow2: \"yes\"\n"))
                .hasMessageStartingWith("r.yaml:15: 'qcow2' must be true or false, not the text 'yes'");
    }

    @Test
    void everyProblemIsListedWithItsLine() {
        String bad = VALID.replace("arch: riscv64", "arch: vax")
                        .replace("timeoutSeconds: 60", "timeoutSeconds: 0")
                        .replace("hostname: box", "hostname: \"box/../x\"")
                + "colour: red\n";
        assertThatThrownBy(() -> parse(bad))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("r.yaml has 4 problems.")
                .hasMessageContaining("\n  r.yaml:1: 'arch': Unknown architecture 'vax'")
                .hasMessageContaining("\n  r.yaml:4: 'hostname': 'box/../x' is not a host name")
                .hasMessageContaining("\n  r.yaml:14: 'boot.timeoutSeconds' is 0, outside 1 to 86400")
                .hasMessageContaining("\n  r.yaml:15: unknown key 'colour'");
    }

    @Test
    void layoutProblemsAreReportedAtTheirRecipeLines() {
        String bad = VALID.replace("filesystem: ext4", "filesystem: ext9")
                .replace("table: gpt", "table: gpt\n  colour: red");
        assertThatThrownBy(() -> parse(bad))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("r.yaml:10: layout: unknown key 'colour'")
                .hasMessageContaining("r.yaml:12: layout: 'partitions[0].filesystem'");
    }
}
