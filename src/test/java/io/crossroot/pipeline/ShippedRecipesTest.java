package io.crossroot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The RPM distribution recipes crossroot ships: each parses, prints and reads back, and its URL templates substitute
 * to the architecture's own repositories. No distribution server is reached.
 */
class ShippedRecipesTest {
    static final List<String> NAMES = BuildRecipe.SHIPPED;

    @ParameterizedTest
    @FieldSource("NAMES")
    void parsesPrintsAndReadsBack(String name) {
        BuildRecipe recipe = BuildRecipe.shipped(name);
        assertThat(recipe.isRpmMd()).isTrue();
        assertThat(recipe.suite()).isNull();
        assertThat(name).startsWith(recipe.release()).endsWith(recipe.arch());
        String yaml = recipe.toYaml();
        assertThat(yaml)
                .contains("repoType: rpm-md", "releasever:", "$basearch")
                .doesNotContain("suite");
        BuildRecipe back = BuildRecipe.parse(yaml.getBytes(StandardCharsets.UTF_8), "printed");
        assertThat(back.toYaml()).isEqualTo(yaml);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void templatesSubstituteToTheArchitecturesRepositories(String name) {
        BuildRecipe recipe = BuildRecipe.shipped(name);
        String rpmArch = ArchCatalog.require(recipe.arch()).rpm();
        List<URI> urls = recipe.rpmRepos().urls(rpmArch);
        assertThat(urls).isNotEmpty().allSatisfy(u -> {
            assertThat(u.getScheme()).isEqualTo("https");
            assertThat(u.toString())
                    .contains("/" + rpmArch + "/", recipe.releasever())
                    .doesNotContain("$")
                    .endsWith("/");
        });
        if (name.startsWith("openeuler")) {
            assertThat(urls)
                    .extracting(URI::toString)
                    .containsExactly(
                            "https://repo.openeuler.org/openEuler-24.03-LTS/OS/" + rpmArch + "/",
                            "https://repo.openeuler.org/openEuler-24.03-LTS/everything/" + rpmArch + "/",
                            "https://repo.openeuler.org/openEuler-24.03-LTS/update/" + rpmArch + "/");
        }
    }

    @Test
    void anRpmMdRecipeRefusesDebianKeys() {
        String yaml = BuildRecipe.shipped("openeuler-24.03-riscv64").toYaml() + "suite: trixie\n";
        assertThatThrownBy(() -> BuildRecipe.parse(yaml.getBytes(StandardCharsets.UTF_8), "r.yaml"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("r.yaml: suite has no meaning for an rpm-md recipe");
    }

    @Test
    void aDebianRecipeRefusesRpmKeys() {
        String yaml = BuildRecipe.embeddedDefault().toYaml() + "releasever: '43'\n";
        assertThatThrownBy(() -> BuildRecipe.parse(yaml.getBytes(StandardCharsets.UTF_8), "r.yaml"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("releasever has no meaning for a Debian recipe");
    }

    @Test
    void anRpmMdRecipeNeedsAKeyAndKnownVariables() {
        String noKey = BuildRecipe.shipped("fedora-43-x86_64").toYaml().replaceAll("(?m)^gpgkeys:\\n( *- .*\\n)+", "");
        assertThat(noKey).doesNotContain("gpgkeys");
        assertThatThrownBy(() -> BuildRecipe.parse(noKey.getBytes(StandardCharsets.UTF_8), "r.yaml"))
                .hasMessageContaining("needs 'repos:'")
                .hasMessageContaining("'gpgkeys:'");
        String unknown = BuildRecipe.shipped("fedora-43-x86_64").toYaml().replace("$basearch", "$machine");
        assertThatThrownBy(() -> BuildRecipe.parse(unknown.getBytes(StandardCharsets.UTF_8), "r.yaml"))
                .hasMessageContaining("$machine");
    }
}
