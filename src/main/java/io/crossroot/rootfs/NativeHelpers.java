package io.crossroot.rootfs;

import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * While the maintainer scripts run, a heavy tool whose output does not depend on the processor runs natively: the
 * host's build of the very same package version, from the same suite, in place of the emulated program (the
 * host-tool acceleration Scratchbox 2 made common). kmod's depmod over a kernel's ~3000 modules takes 65 s under
 * qemu and 14 s natively, with byte-identical indexes; mkinitramfs runs it again for each initramfs. Only sets that
 * generate an initramfs get it. Only a name that no hook copies into an image is replaced (mkinitramfs copies
 * /usr/bin/kmod, modprobe and rmmod, never depmod), and it is put back unchanged before the root is finished.
 */
final class NativeHelpers {
    /** Package to the name replaced (here a symlink to usr/bin/kmod) and the host program run in its place. */
    static final Map<String, Program> PROGRAMS = Map.of("kmod", new Program("usr/sbin/depmod", "usr/bin/kmod"));

    /** {@code name}: the path in the root scripts run; {@code hostProgram}: the file in the host tree. */
    record Program(String name, String hostProgram) {}
    /**
     * Libraries a program opens at run time (dlopen), which its Depends do not name: without them in the host tree
     * kmod 34 would read no compressed module and write empty indexes, so they are fetched too, and required.
     */
    static final Map<String, List<String>> LOADED_LIBRARIES = Map.of("kmod", List.of(
            "liblzma5:usr/lib/x86_64-linux-gnu/liblzma.so.5", "libzstd1:usr/lib/x86_64-linux-gnu/libzstd.so.1",
            "zlib1g:usr/lib/x86_64-linux-gnu/libz.so.1"));
    /** A set that generates an initramfs: what makes the helpers worth their set-up. */
    static final String INITRAMFS_PACKAGE = "initramfs-tools";
    /** Where the host tree is copied inside the root while the scripts run. */
    static final String DIR = ".crossroot-native";
    private static final String LIBRARY_PATH = "/" + DIR + "/usr/lib/x86_64-linux-gnu:/" + DIR + "/lib/x86_64-linux-gnu";
    private static final String LOADER = "/" + DIR + "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";

    private final Path root;
    private final List<String> replaced;

    private NativeHelpers(Path root, List<String> replaced) {
        this.root = root;
        this.replaced = List.copyOf(replaced);
    }

    /** Nothing replaced. */
    static NativeHelpers none(Path root) {
        return new NativeHelpers(root, List.of());
    }

    /**
     * Puts the helpers in place when the set generates an initramfs. {@code hostBuilds} unpacks the host's build of
     * the packages asked for (empty when it cannot); a package whose host version differs stays emulated.
     */
    static NativeHelpers install(Path root, List<UnpackedPackage> unpacked,
            Function<List<String>, Optional<Toolbox>> hostBuilds, RootfsProgress progress) throws IOException {
        Map<String, String> targetVersions = new LinkedHashMap<>();
        unpacked.forEach(p -> targetVersions.put(p.name(), p.control().get("Version")));
        if (!targetVersions.containsKey(INITRAMFS_PACKAGE)) {
            return none(root);
        }
        List<String> wanted = new ArrayList<>(); // the packages, and the libraries they open at run time
        PROGRAMS.keySet().stream().filter(targetVersions::containsKey).sorted().forEach(pkg -> {
            wanted.add(pkg);
            LOADED_LIBRARIES.getOrDefault(pkg, List.of()).forEach(l -> wanted.add(l.substring(0, l.indexOf(':'))));
        });
        Optional<Toolbox> host = wanted.isEmpty() ? Optional.empty() : hostBuilds.apply(wanted);
        if (host.isEmpty()) {
            return none(root);
        }
        return install(root, targetVersions, host.get(), PROGRAMS, progress);
    }

    /** Replaces each of {@code programs} whose package has the same version in {@code root} and {@code host}. */
    static NativeHelpers install(Path root, Map<String, String> targetVersions, Toolbox host,
            Map<String, Program> programs, RootfsProgress progress) throws IOException {
        List<String> packages = new ArrayList<>();
        for (String pkg : programs.keySet().stream().sorted().toList()) {
            String version = targetVersions.get(pkg);
            boolean present = Files.exists(root.resolve(programs.get(pkg).name()), LinkOption.NOFOLLOW_LINKS)
                    && host.find(programs.get(pkg).hostProgram()).isPresent()
                    && LOADED_LIBRARIES.getOrDefault(pkg, List.of()).stream()
                            .allMatch(l -> host.find(l.substring(l.indexOf(':') + 1)).isPresent());
            if (version != null && version.equals(host.versions().get(pkg)) && present) {
                packages.add(pkg);
            } else if (version != null) {
                progress.phase("configuring", pkg + " runs emulated: the host's build is "
                        + host.versions().getOrDefault(pkg, "missing") + ", the target's " + version);
            }
        }
        if (packages.isEmpty()) {
            return none(root);
        }
        Trees.copy(host.root(), root.resolve(DIR));
        List<String> replaced = new ArrayList<>();
        try {
            for (String pkg : packages) {
                Program program = programs.get(pkg);
                Files.move(root.resolve(program.name()), aside(root, program.name()));
                replaced.add(program.name());
                Path wrapper = root.resolve(program.name());
                Files.writeString(wrapper, wrapper(pkg, targetVersions.get(pkg), program.hostProgram()));
                Files.setAttribute(wrapper, "unix:mode", 0755);
            }
        } catch (IOException | RuntimeException e) {
            new NativeHelpers(root, replaced).remove();
            throw e;
        }
        progress.phase("configuring", "natively, as the host's build of the same version: "
                + String.join(", ", packages));
        return new NativeHelpers(root, replaced);
    }

    /** The script that stands in for a program: the host loader runs the host build, under the name called. */
    static String wrapper(String pkg, String version, String hostProgram) {
        return "#!/bin/sh\n"
                + "# crossroot: while bootstrapping, the host's build of " + pkg + " " + version + " runs natively\n"
                + "exec " + LOADER + " --library-path " + LIBRARY_PATH + " --argv0 \"$0\" /" + DIR + "/" + hostProgram
                + " \"$@\"\n";
    }

    private static Path aside(Path root, String program) {
        Path p = root.resolve(program);
        return p.resolveSibling("." + p.getFileName() + ".crossroot-emulated");
    }

    /** Puts every emulated program back, byte for byte, and deletes the host tree. */
    void remove() throws IOException {
        for (String program : replaced) {
            Files.deleteIfExists(root.resolve(program));
            Files.move(aside(root, program), root.resolve(program));
        }
        Trees.delete(root.resolve(DIR));
    }

    List<String> replaced() {
        return replaced;
    }
}
