package io.crossroot.pkgbuild;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RPM build: rpmbuild -bb --target ARCH with Debian's rpm tooling in a Debian build root of the target
 * architecture (no RPM mirror is needed). The files beside the .spec are its sources. BuildRequires name RPM
 * packages, which a Debian root cannot check, so rpmbuild runs with --nodeps: the spec must build with the buildd
 * tool set.
 */
final class RpmPackageBuild implements PackageFormatBuild {
    private static final Pattern TAG = Pattern.compile("(?mi)^(Name|Version|Release)\\s*:\\s*(\\S+)\\s*$");
    private static final String TOPDIR = BuildUser.HOME + "/rpmbuild";

    private final Path spec;
    private final String name;
    private final String version;
    private final String rpmArch;

    private RpmPackageBuild(Path spec, String name, String version, String rpmArch) {
        this.spec = spec;
        this.name = name;
        this.version = version;
        this.rpmArch = rpmArch;
    }

    static RpmPackageBuild load(Path spec, String debianArch) {
        Path abs = spec.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(abs);
        } catch (IOException e) {
            throw new UserError("Cannot read the spec file " + abs + ": " + e.getMessage(), e);
        }
        Map<String, String> tags = new java.util.HashMap<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            tags.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        if (!tags.containsKey("name") || !tags.containsKey("version")) {
            throw new UserError(abs + " has no Name: or Version: tag, so it is not an RPM spec file.");
        }
        String version = tags.get("version") + (tags.containsKey("release") ? "-" + tags.get("release") : "");
        return new RpmPackageBuild(
                abs, tags.get("name"), version, ArchCatalog.require(debianArch).rpm());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> rootPackages() {
        return List.of("rpm"); // Debian's package ships rpmbuild
    }

    @Override
    public void stage(Path home) throws IOException {
        Path top = home.resolve("rpmbuild");
        for (String d : List.of("SPECS", "SOURCES", "BUILD", "RPMS", "SRPMS")) {
            Files.createDirectories(top.resolve(d));
        }
        Files.copy(spec, top.resolve("SPECS").resolve(spec.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(spec.getParent(), Files::isRegularFile)) {
            for (Path f : s) {
                if (!f.equals(spec)) {
                    Files.copy(f, top.resolve("SOURCES").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public String prepare() {
        return "";
    }

    @Override
    public String build(int jobs) {
        return "rpmbuild -bb --nodeps --target " + rpmArch + " --define " + Shell.quote("_topdir " + TOPDIR)
                + " --define " + Shell.quote("_smp_mflags -j" + jobs) + " "
                + Shell.quote(TOPDIR + "/SPECS/" + spec.getFileName());
    }

    @Override
    public Map<String, String> env(int jobs) {
        return Map.of();
    }

    @Override
    public List<String> artifacts() {
        return List.of("rpmbuild/RPMS/*/*.rpm");
    }
}
