package io.crossroot.debian.deb;

import io.crossroot.debian.Paragraph;
import java.util.List;
import java.util.Map;

/**
 * What unpacking one .deb left behind, as dpkg's database needs it: the control paragraph, the control
 * archive's files (scripts, md5sums, conffiles, triggers, ...), every path of the data archive in archive
 * order ("/." first, as in dpkg's .list files) and the conffiles, which wait as NAME.dpkg-new until configure.
 */
public record UnpackedPackage(
        Paragraph control, Map<String, byte[]> controlFiles, List<String> paths, List<String> conffiles) {
    public UnpackedPackage {
        controlFiles = Map.copyOf(controlFiles);
        paths = List.copyOf(paths);
        conffiles = List.copyOf(conffiles);
    }

    public String name() {
        return control.get("Package");
    }

    public String architecture() {
        return control.getOrDefault("Architecture", "all");
    }

    /** "libc6:riscv64" for Multi-Arch: same packages, whose info files carry the architecture; else the name. */
    public String infoName() {
        return "same".equals(control.get("Multi-Arch")) ? name() + ":" + architecture() : name();
    }
}
