package io.crossroot.pkgbuild;

import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A binary-arch Debian build: dpkg-source -x, then dpkg-buildpackage -B -us -uc as the build user. */
final class DebianPackageBuild implements PackageFormatBuild {
    /** DEB_BUILD_OPTIONS words that have a build profile of the same name and meaning. */
    private static final Set<String> OPTION_PROFILES = Set.of("nocheck", "nodoc");
    /** Not in build-essential, but dpkg-buildpackage needs it for packages that set Rules-Requires-Root. */
    private static final String GAIN_ROOT = "fakeroot";

    private final SourcePackage source;
    private final BuildDeps deps;
    private final Set<String> profiles;

    DebianPackageBuild(SourcePackage source, String debianArch, Set<String> profiles) {
        this.source = source;
        this.profiles = new TreeSet<>(profiles);
        this.deps = BuildDeps.of(source.stanza(), debianArch, profiles);
    }

    BuildDeps deps() {
        return deps;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String version() {
        return source.version();
    }

    @Override
    public List<String> rootPackages() {
        List<String> out = new ArrayList<>(deps.asIncludes());
        if (!deps.mentions(GAIN_ROOT)) {
            out.add(GAIN_ROOT);
        }
        return out;
    }

    private String treeName() {
        return source.name() + "-" + source.fileVersion().replaceFirst("-[^-]*$", "");
    }

    @Override
    public void stage(Path home) throws IOException {
        if (source.isTree()) {
            Trees.copy(source.tree(), home.resolve(treeName()));
        } else {
            for (Path f : source.files()) {
                Files.copy(f, home.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public String prepare() {
        return source.isTree()
                ? ""
                : "dpkg-source -x " + Shell.quote(source.dsc().getFileName().toString()) + " "
                        + Shell.quote(treeName());
    }

    @Override
    public String build(int jobs) {
        StringBuilder cmd =
                new StringBuilder("cd " + Shell.quote(treeName()) + " && dpkg-buildpackage -B -us -uc -j" + jobs);
        if (!profiles.isEmpty()) {
            cmd.append(" -P").append(String.join(",", profiles));
        }
        return cmd.toString();
    }

    @Override
    public Map<String, String> env(int jobs) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> options = new ArrayList<>(List.of("parallel=" + jobs));
        profiles.stream().filter(OPTION_PROFILES::contains).forEach(options::add);
        env.put("DEB_BUILD_OPTIONS", String.join(" ", options));
        if (!profiles.isEmpty()) {
            env.put("DEB_BUILD_PROFILES", String.join(" ", profiles));
        }
        return env;
    }

    @Override
    public List<String> artifacts() {
        return List.of("*.deb", "*.udeb", "*.ddeb", "*.buildinfo", "*.changes");
    }
}
