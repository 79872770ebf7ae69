package io.crossroot.sbom;

import io.crossroot.debian.resolve.BinaryPackage;

/**
 * Where one installed .deb came from: its identity, the SHA256 the signed index gave for it, and its path in the
 * mirror's pool. Built from a resolved package or from any other record of one (a lockfile entry) alike.
 *
 * @param poolPath the index's Filename ("pool/main/b/bash/bash_5.2.37-1_riscv64.deb"), or null when unknown
 */
public record DebOrigin(String name, String version, String architecture, String sha256, String poolPath) {
    public static DebOrigin of(BinaryPackage p) {
        return new DebOrigin(p.name(), p.version().toString(), p.architecture(), p.sha256(), p.filename());
    }

    /** The key an installed package is matched by. */
    String key() {
        return key(name, version, architecture);
    }

    static String key(String name, String version, String architecture) {
        return name + " " + version + " " + architecture;
    }
}
