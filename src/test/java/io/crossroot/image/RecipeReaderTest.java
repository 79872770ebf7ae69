package io.crossroot.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.oci.ImageReference;
import io.crossroot.util.UsageError;
import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeReaderTest {
    @TempDir
    Path tmp;

    private Path recipe(String text) throws Exception {
        return Files.writeString(tmp.resolve("r.yaml"), text);
    }

    @Test
    void shippedExamplesAreValid() {
        for (String name : new String[] {"debian-trixie.yaml", "build-env.yaml"}) {
            ImageRecipe r = RecipeReader.read(Path.of("examples", name));
            assertThat(r.arches()).isNotEmpty();
            assertThat(ImageReference.parse(r.tag()).tag()).isEqualTo("trixie");
        }
        assertThat(RecipeReader.read(Path.of("examples/debian-trixie.yaml")).arches())
                .containsExactly("riscv64", "arm64", "amd64");
    }

    @Test
    void readsEveryField() throws Exception {
        ImageRecipe r = RecipeReader.read(recipe("""
                arches: [arm64]
                packages: [hello]
                files: {app.sh: /usr/local/bin/app}
                run: ["echo hi"]
                env: {A: b}
                cmd: [/bin/sh]
                workdir: /srv
                labels: {x: y}
                tag: demo:1
                """));
        assertThat(r.suite()).isEqualTo("trixie");
        assertThat(r.imageConfig().env()).containsExactly("A=b");
        assertThat(r.files()).containsEntry("app.sh", "/usr/local/bin/app");
    }

    @Test
    void unknownFieldNamesLineAndField() throws Exception {
        Path p = recipe("arches: [arm64]\npackages: [a]\npakages: [b]\n");
        assertThatThrownBy(() -> RecipeReader.read(p))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("r.yaml:3: unknown key 'pakages'");
    }

    @Test
    void wrongTypeNamesLineAndField() throws Exception {
        Path p = recipe("arches: [arm64]\ntag: demo\npackages: {a: b}\n");
        assertThatThrownBy(() -> RecipeReader.read(p))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("r.yaml:3: 'packages' must be a list, not a mapping");
        Path q = recipe("arches: arm64\n");
        assertThatThrownBy(() -> RecipeReader.read(q))
                .hasMessageContaining("r.yaml:1: 'arches' must be a list, not the text 'arm64'");
    }

    @Test
    void unknownArchitectureAndDistroAreRefused() throws Exception {
        Path p = recipe("arches: [arm64, vax]\n");
        assertThatThrownBy(() -> RecipeReader.read(p)).hasMessageContaining("Unknown architecture 'vax'");
        Path q = recipe("distro: fedora\narches: [arm64]\n");
        assertThatThrownBy(() -> RecipeReader.read(q))
                .hasMessageContaining("field 'distro' is 'fedora', but a Debian mirror gives only 'debian'")
                .hasMessageContaining("repoType: rpm-md");
    }

    @Test
    void anRpmMdRecipeReadsAndRefusesDebianKeys() throws Exception {
        Path p = recipe("distro: openeuler\nrepoType: rpm-md\narches: [riscv64, arm64]\n"
                + "repos: ['https://repo.example/openEuler-$releasever/OS/$basearch/']\nreleasever: 24.03-LTS\n"
                + "gpgkeys: [/etc/pki/rpm-gpg/RPM-GPG-KEY-openEuler]\nweakDeps: false\npackages: [bash]\n");
        ImageRecipe r = RecipeReader.read(p);
        assertThat(r.isRpmMd()).isTrue();
        assertThat(r.installsWeakDeps()).isFalse();
        assertThat(r.rpmRepos().urls("aarch64"))
                .extracting(java.net.URI::toString)
                .containsExactly("https://repo.example/openEuler-24.03-LTS/OS/aarch64/");
        Path q = recipe("repoType: rpm-md\nsuite: trixie\narches: [riscv64]\nrepos: [file:///r/]\ngpgkeys: [/k]\n");
        assertThatThrownBy(() -> RecipeReader.read(q))
                .hasMessageContaining("suite has no meaning for an rpm-md recipe");
    }

    @Test
    void duplicateKeysAndEveryOtherProblemAreListedTogether() throws Exception {
        Path p = recipe("""
                arches: [arm64]
                tag: demo
                env: {"A=B": x, C: [1]}
                tag: other
                workdir:
                """);
        assertThatThrownBy(() -> RecipeReader.read(p))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("r.yaml has 4 problems.")
                .hasMessageContaining("r.yaml:3: key 'A=B' in 'env': 'A=B' cannot name an environment variable")
                .hasMessageContaining("r.yaml:3: 'env.C' must be text, not a list")
                .hasMessageContaining("r.yaml:4: key 'tag' appears twice (first on line 2)")
                .hasMessageContaining("r.yaml:5: 'workdir' must be text, not empty");
    }

    @Test
    void imageNamesAreChecked() {
        assertThat(ImageReference.parse("localhost:5000/a/b").toString()).isEqualTo("localhost:5000/a/b:latest");
        assertThatThrownBy(() -> ImageReference.parse("Bad Name")).isInstanceOf(UserError.class);
    }

    @Test
    void withoutScriptsTheSetIsOnlyThePackagesNamed() throws Exception {
        ImageRecipe r = RecipeReader.read(Path.of("examples/distroless-busybox.yaml"));
        assertThat(r.scripts()).isFalse();
        assertThat(r.variant()).isEqualTo("custom");
        assertThat(r.packages()).containsExactly("busybox-static");
        ImageRecipe skipping = RecipeReader.read(recipe("""
                arches: [arm64]
                scripts: false
                variant: minbase
                skipScriptsOf: [libc6]
                """));
        assertThat(skipping.variant()).isEqualTo("minbase");
        assertThat(skipping.skipScriptsOf()).containsExactly("libc6");
        assertThat(RecipeReader.read(recipe("arches: [arm64]\n")).variant()).isEqualTo("minbase");
    }

    @Test
    void withoutScriptsNothingMayRunInside() throws Exception {
        Path withRun = recipe("arches: [arm64]\nscripts: false\nrun: [\"echo hi\"]\n");
        assertThatThrownBy(() -> RecipeReader.read(withRun))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'run:' commands run inside the image under emulation");
        Path skipWithScripts = recipe("arches: [arm64]\nskipScriptsOf: [libc6]\n");
        assertThatThrownBy(() -> RecipeReader.read(skipWithScripts))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("applies only to a build without scripts");
        Path notABoolean = recipe("arches: [arm64]\nscripts: no-thanks\n");
        assertThatThrownBy(() -> RecipeReader.read(notABoolean)).hasMessageContaining(":2:");
    }
}
