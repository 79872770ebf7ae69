package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 'crossroot build --print-recipe NAME' shows a shipped RPM recipe; the default stays the embedded Debian one. */
class ShippedRecipeCliTest {
    @Test
    void printsAShippedRecipeByName() {
        CliRun run = CliRun.of("build", "--print-recipe", "openeuler-24.03-riscv64");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("repoType: rpm-md", "releasever: 24.03-LTS", "openEuler-$releasever/OS/$basearch/")
                .contains("RPM-GPG-KEY-openEuler");
    }

    @Test
    void theDefaultIsStillDebian() {
        CliRun run = CliRun.of("build", "--print-recipe");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("suite: trixie").doesNotContain("repoType");
    }

    @Test
    void anUnknownNameListsTheShippedOnes() {
        CliRun run = CliRun.of("build", "--print-recipe", "openeuler-99");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("does not exist", "fedora-43-x86_64");
    }
}
