package io.crossroot.rootfs;

import java.nio.file.Path;
import java.util.List;

/**
 * What to build from rpm-md repositories: an rpm architecture (riscv64, aarch64, x86_64), the packages asked for
 * (names, dependencies such as {@code "greeting >= 2"}, file paths, {@code @group} ids), whether weak dependencies
 * are followed (dnf's install_weak_deps), and where to put the root (a directory, or a file ending in .tar).
 *
 * @param distro a label for messages and the inventory ("openeuler-24.03", "fixture")
 */
public record RpmRootfsRequest(String arch, String distro, List<String> include, boolean weakDeps, Path output) {
    public RpmRootfsRequest {
        include = List.copyOf(include);
    }
}
