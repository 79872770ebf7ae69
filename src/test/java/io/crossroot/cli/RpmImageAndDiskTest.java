package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.rpm.RpmFixtureRepo;
import io.crossroot.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An rpm-md recipe on the fixture's real signed repository, through the command line: its OCI image runs the
 * fixture's riscv64 hello in Docker, and a disk of its root holds an rpm database that the host's rpm lists.
 */
@Tag("docker")
@Tag("rootfs")
class RpmImageAndDiskTest {
    private static final String NAME = "crossroot-test/rpm-fixture:1";

    @TempDir
    static Path tmp;

    private static RpmFixtureRepo fixture;
    private static Path recipe;

    @BeforeAll
    static void writeRecipe() throws IOException {
        fixture = RpmFixtureRepo.get();
        recipe = tmp.resolve("fixture.yaml");
        Files.writeString(
                recipe,
                "distro: fixture\nrepoType: rpm-md\narches: [riscv64]\nrepos: ['" + fixture.uri() + "']\n"
                        + "gpgkeys: ['" + fixture.publicKey() + "']\npackages: [hello]\ncmd: [/usr/bin/hello]\n"
                        + "tag: " + NAME + "\n");
    }

    @AfterAll
    static void removeImage() throws Exception {
        run("docker", "rmi", "-f", NAME);
    }

    @Test
    void theImageRunsHelloInDocker() throws Exception {
        Path archive = tmp.resolve("image.tar");
        CliRun build = CliRun.of(
                "image",
                "build",
                recipe.toString(),
                "-o",
                tmp.resolve("layout").toString(),
                "--docker-archive",
                archive.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        // one architecture: the archive carries the tag itself, with no per-arch suffix
        assertThat(run("docker", "load", "-i", archive.toString())).contains("Loaded image: " + NAME);
        // crossroot's own runner checks the image's architecture and the binfmt entry before it starts it
        // (in a process of its own: it streams the container's output to the real standard output)
        String java = ProcessHandle.current().info().command().orElse("java");
        assertThat(run(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "container",
                                "run",
                                "--arch",
                                "riscv64",
                                NAME)
                        .strip())
                .endsWith("Hello, world!");
    }

    @Test
    void theDiskOfTheRootCarriesItsRpmDatabase() throws Exception {
        Path root = tmp.resolve("root");
        CliRun rootfs = CliRun.of(
                "rootfs",
                "--arch",
                "riscv64",
                "--mirror",
                fixture.uri().toString(),
                "--keyring",
                fixture.publicKey().toString(),
                "--include",
                "hello",
                "-o",
                root.toString());
        assertThat(rootfs.exitCode()).as(rootfs.err()).isZero();
        Path layout = tmp.resolve("layout.yaml");
        Files.writeString(
                layout,
                "table: gpt\npartitions:\n  - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /, "
                        + "headroom: 16M}\n");
        Path disk = tmp.resolve("disk.img");
        CliRun built = CliRun.of(
                "disk",
                "build",
                "--rootfs",
                root.toString(),
                "--layout",
                layout.toString(),
                "--profile",
                "none",
                "--json",
                "-o",
                disk.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        JsonNode partition =
                Json.mapper().readTree(built.out()).get("partitions").get(0);
        assertThat(partition.get("filesystem").asText()).isEqualTo("ext4");

        // the root partition's rpm database, read out of the image without mounting it
        Path part = tmp.resolve("root.ext4");
        run(
                "dd",
                "if=" + disk,
                "of=" + part,
                "bs=512",
                "skip=" + partition.get("firstLba").asLong(),
                "count=" + partition.get("sizeBytes").asLong() / 512);
        // run() fails on a non-zero status: e2fsck -n exits 0 only when it found nothing to fix
        assertThat(run("e2fsck", "-fn", part.toString())).contains("Pass 5").doesNotContain("UNEXPECTED");
        Path db = tmp.resolve("rpmdb");
        Files.createDirectories(db);
        run("debugfs", "-R", "rdump /var/lib/rpm " + db, part.toString());
        List<String> names = Arrays.stream(
                        run("rpm", "--dbpath", db.resolve("rpm").toString(), "-qa", "--qf", "%{NAME}\\n")
                                .split("\n"))
                .filter(l -> !l.isBlank())
                .sorted()
                .toList();
        assertThat(names)
                .containsExactly("busybox", "filesystem", "glibc", "gpg-pubkey", "hello"); // the key, as dnf imports it
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
