package io.crossroot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.util.UserError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A recipe printed as YAML reads back as the same recipe; layout: may be a nested mapping or a string of YAML. */
class BuildRecipeYamlTest {
    private final BuildRecipe original = BuildRecipe.embeddedDefault();

    @Test
    void printsTheLayoutAsANestedMappingNotAString() {
        String yaml = original.toYaml();
        assertThat(yaml)
                .startsWith("arch: riscv64\n")
                .contains("\nlayout:\n  table: gpt\n  partitions:\n")
                .doesNotContain("layout: |")
                .doesNotContain("\\n")
                .doesNotStartWith("{");
    }

    @Test
    void thePrintedRecipeReadsBackAsTheSameRecipe() {
        BuildRecipe back = BuildRecipe.parse(original.toYaml().getBytes(StandardCharsets.UTF_8), "printed");
        assertThat(back).usingRecursiveComparison().ignoringFields("layout").isEqualTo(original);
        assertThat(DiskLayoutFile.parseYaml(back.layout(), "printed"))
                .isEqualTo(DiskLayoutFile.parseYaml(original.layout(), "embedded"));
        assertThat(back.toYaml()).isEqualTo(original.toYaml());
    }

    @Test
    void aLayoutStringHoldingYamlStillReads() {
        BuildRecipe r = BuildRecipe.parse(
                ("arch: arm64\nsuite: trixie\nvariant: minbase\nhostname: box\nimage: {tag: 't:1'}\nemptyRootPassword: false\nqcow2: false\nprofile: direct-kernel\n"
                                + "layout: |\n  table: gpt\n  partitions:\n    - {name: root, type: root-arm64, filesystem: ext4, mountpoint: /}\n"
                                + "boot: {expect: 'login:', timeoutSeconds: 60}\n")
                        .getBytes(StandardCharsets.UTF_8),
                "old form");
        assertThat(r.layout()).startsWith("table: gpt\n");
        assertThat(r.toYaml()).contains("layout:\n  table: gpt\n  partitions:\n  - name: root\n");
    }

    @Test
    void aLayoutThatIsAListIsRefused() {
        assertThatThrownBy(() -> BuildRecipe.parse(
                        "arch: arm64\nsuite: trixie\nprofile: direct-kernel\nlayout: [a, b]\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "list"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("layout");
    }
}
