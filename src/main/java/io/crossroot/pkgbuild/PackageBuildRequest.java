package io.crossroot.pkgbuild;

import java.nio.file.Path;
import java.util.Set;

/**
 * One package build.
 *
 * @param source     a source package name, a .dsc, a Debian source tree (has debian/control) or an RPM .spec
 * @param debianArch the target's Debian architecture (riscv64)
 * @param profiles   active build profiles (nocheck, nodoc, ...), also passed as DEB_BUILD_OPTIONS where they match
 * @param jobs       parallel jobs inside the build (-jN)
 * @param output     where artifacts and the log go
 * @param keepRoot   keep the build root afterwards (for debugging)
 * @param emulation  how the target's programs run (ignored when the target is the host)
 */
public record PackageBuildRequest(
        String source,
        String debianArch,
        Set<String> profiles,
        int jobs,
        Path output,
        boolean keepRoot,
        Emulation emulation) {
    public PackageBuildRequest {
        profiles = Set.copyOf(profiles);
        java.util.Objects.requireNonNull(emulation, "emulation");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    /** An accelerated build. */
    public PackageBuildRequest(
            String source, String debianArch, Set<String> profiles, int jobs, Path output, boolean keepRoot) {
        this(source, debianArch, profiles, jobs, output, keepRoot, Emulation.ACCELERATED);
    }

    public PackageBuildRequest withArch(String arch) {
        return new PackageBuildRequest(source, arch, profiles, jobs, output, keepRoot, emulation);
    }

    public PackageBuildRequest withOutput(Path out) {
        return new PackageBuildRequest(source, debianArch, profiles, jobs, out, keepRoot, emulation);
    }

    public PackageBuildRequest withEmulation(Emulation how) {
        return new PackageBuildRequest(source, debianArch, profiles, jobs, output, keepRoot, how);
    }
}
