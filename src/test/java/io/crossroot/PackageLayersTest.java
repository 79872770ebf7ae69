package io.crossroot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.testing.ConstantPool;
import io.crossroot.util.UserError;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers that follow the pipeline, each using only those before it in {@link #ORDER}. Read from
 * the compiled classes' constant pools, where a fully qualified name or a type in a signature cannot hide a use.
 */
class PackageLayersTest {
    /** Lowest first: a package may use only packages earlier in the list. */
    static final List<String> ORDER = List.of(
            "util",
            "arch",
            "elf",
            "binfmt",
            "debian",
            "debian.deb",
            "debian.resolve",
            "lock",
            "rpm",
            "rpm.repo",
            "rpm.file",
            "rpm.resolve",
            "sbom",
            "qemu",
            "run",
            "toolbox",
            "oci.tree",
            "oci",
            "docker.http",
            "docker",
            "sandbox",
            "rootfs",
            "pkgbuild",
            "image",
            "disk",
            "boot",
            "pipeline",
            "cli");

    private static final Pattern CROSSROOT_CLASS = Pattern.compile("io/crossroot/([a-z0-9/]+)/([A-Z][\\w$]*)");

    @Test
    void everyPackageHasItsPlaceInTheOrder() throws IOException {
        assertThat(ORDER).containsAll(uses().keySet());
        assertThat(uses().keySet()).containsAll(ORDER);
    }

    @Test
    void noPackageUsesOneAboveIt() throws IOException {
        List<String> upward = new ArrayList<>();
        uses().forEach((pkg, used) -> used.forEach((target, classes) -> {
            if (ORDER.indexOf(target) > ORDER.indexOf(pkg)) {
                upward.add(pkg + " -> " + target + " " + classes);
            }
        }));
        assertThat(upward).as("uses of a package above the user in the order").isEmpty();
    }

    @Test
    void theOciFormatAndItsTreesDoNotBuildRootFilesystems() throws IOException {
        assertThat(uses().get("oci")).doesNotContainKeys("rootfs", "sandbox", "debian", "image");
        assertThat(uses().get("oci.tree")).doesNotContainKeys("rootfs", "sandbox", "debian", "oci", "image");
    }

    @Test
    void dockerIsTheEngineApiAloneAndItsTransportKnowsNoApi() throws IOException {
        assertThat(uses().get("docker")).doesNotContainKey("sandbox");
        assertThat(uses().get("docker.http")).doesNotContainKey("docker");
        for (String pkg : List.of("docker", "docker.http")) {
            assertThat(classes(pkg)).as("classes of " + pkg).noneMatch(c -> c.contains("Sandbox"));
        }
        assertThat(classes("sandbox")).contains("SandboxChoice", "DockerSandbox", "ChrootSandbox");
    }

    @Test
    void theScanSeesUsesBetweenPackages() throws IOException {
        // what the reader must find for the checks above to mean anything: imports, a signature, a nested class
        assertThat(uses().get("sandbox")).containsKey("docker");
        assertThat(uses().get("cli")).containsKeys("pipeline", "image", "util");
        assertThat(uses().get("rootfs").get("debian.deb")).isNotEmpty();
    }

    private static Map<String, Map<String, TreeSet<String>>> uses;

    /** Package -> package it uses -> the classes used, over every main class (read once for all tests). */
    private static synchronized Map<String, Map<String, TreeSet<String>>> uses() throws IOException {
        if (uses == null) {
            uses = readUses();
        }
        return uses;
    }

    private static Map<String, Map<String, TreeSet<String>>> readUses() throws IOException {
        Map<String, Map<String, TreeSet<String>>> out = new TreeMap<>();
        Path root = mainClasses();
        try (Stream<Path> files = Files.walk(root.resolve("io/crossroot"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String pkg = root.relativize(f.getParent())
                        .toString()
                        .substring("io/crossroot/".length())
                        .replace('/', '.');
                Map<String, TreeSet<String>> used = out.computeIfAbsent(pkg, k -> new TreeMap<>());
                try (InputStream in = Files.newInputStream(f)) {
                    for (String text :
                            ConstantPool.read(new DataInputStream(in)).texts()) {
                        Matcher m = CROSSROOT_CLASS.matcher(text);
                        while (m.find()) {
                            String target = m.group(1).replace('/', '.');
                            if (!target.equals(pkg)) {
                                used.computeIfAbsent(target, k -> new TreeSet<>())
                                        .add(m.group(2));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<String> classes(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(mainClasses().resolve("io/crossroot/" + pkg.replace('.', '/')))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }

    static Path mainClasses() {
        try {
            return Path.of(UserError.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
