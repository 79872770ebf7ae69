package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.binfmt.BinfmtMisc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Containers of a crossroot killed outright are removed by the next one; a live crossroot's stay. */
class ContainerOwnerTest {
    @Test
    void aLabelNamesALiveOrAGoneProcess() throws Exception {
        assertThat(ContainerOwner.isGone(ContainerOwner.current())).isFalse();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(ContainerOwner.isGone(ended.pid() + "@1")).isTrue();
        // the same PID, reused by another process since, is not the maker
        assertThat(ContainerOwner.isGone(ProcessHandle.current().pid() + "@1")).isTrue();
        assertThat(ContainerOwner.isGone("not-a-pid")).isFalse();
    }

    @Test
    void theNextRunRemovesWhatAKilledRunLeft() throws Exception {
        DockerClient docker = DockerClient.connect();
        docker("sh", "-c", "tar -cf - --files-from /dev/null | docker import - crossroot-test/owner:1");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String orphan = docker(
                        "docker",
                        "create",
                        "--label",
                        ContainerOwner.LABEL + "=" + ended.pid() + "@1",
                        "crossroot-test/owner:1",
                        "true")
                .strip();
        String live = docker(
                        "docker",
                        "create",
                        "--label",
                        ContainerOwner.LABEL + "=" + ContainerOwner.current(),
                        "crossroot-test/owner:1",
                        "true")
                .strip();
        String someoneElses =
                docker("docker", "create", "crossroot-test/owner:1", "true").strip();
        try {
            new ContainerRunner(docker, BinfmtMisc.system()).removeLeftovers();
            List<String> left =
                    List.of(docker("docker", "ps", "-aq", "--no-trunc").split("\n"));
            assertThat(left).doesNotContain(orphan).contains(live, someoneElses);
        } finally {
            docker("docker", "rm", "-f", orphan, live, someoneElses);
            docker("docker", "rmi", "crossroot-test/owner:1");
        }
    }

    private static String docker(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
