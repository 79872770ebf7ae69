package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.oci.LayerSources;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 'image build --rootfs' values: ARCH=PATH (repeatable) or one PATH for the one --arch. */
final class RootfsArgs {
    /** Key of a lone PATH, whose architecture --arch gives. */
    private static final String ONE = "";

    private RootfsArgs() {}

    /** Paths by the architecture name given with them, in order; a lone PATH under "" (see {@link #forArches}). */
    static Map<String, Path> byArch(List<String> values) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String v : values) {
            String arch = archOf(v);
            if (arch.equals(ONE) && values.size() > 1) {
                throw new UserError("--rootfs " + v + ": with several root filesystems, give each as ARCH=PATH "
                        + "(e.g. --rootfs riscv64=out/riscv64 --rootfs arm64=out/arm64).");
            }
            if (out.put(arch, pathOf(v, arch)) != null) {
                throw new UserError("--rootfs names " + arch + " twice; give one root filesystem per architecture.");
            }
        }
        return out;
    }

    /** The architecture an ARCH=PATH value names, or "" for a lone PATH. */
    private static String archOf(String value) {
        int eq = value.indexOf('=');
        return eq > 0 && ArchCatalog.find(value.substring(0, eq)).isPresent() ? value.substring(0, eq) : ONE;
    }

    /** The path of one value, ARCH=PATH or PATH, whose architecture {@link #archOf} gave. */
    private static Path pathOf(String value, String arch) {
        return Path.of(arch.equals(ONE) ? value : value.substring(arch.length() + 1));
    }

    /**
     * Starts reading the metadata and extended attributes of every --rootfs directory among raw arguments, before
     * the command line is built: by the time the command opens the trees, that is done (see LayerSources.prefetch).
     */
    static void prefetch(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].equals("--rootfs") && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith("--rootfs=") ? args[i].substring("--rootfs=".length()) : null;
            if (value != null) {
                try {
                    LayerSources.prefetch(pathOf(value, archOf(value)));
                } catch (RuntimeException e) {
                    // not a usable path: the command line's own parsing reports it
                }
            }
        }
    }

    /** The trees by architecture: a lone PATH is the one architecture's, named ones must match the recipe's. */
    static Map<Arch, Path> forArches(Map<String, Path> trees, List<String> arches) {
        Map<Arch, Path> out = new LinkedHashMap<>();
        if (trees.containsKey(ONE)) {
            if (arches.size() != 1) {
                throw new UserError("--rootfs " + trees.get(ONE) + " is one root filesystem, so give exactly one "
                        + "--arch (its architecture), or several --rootfs ARCH=PATH; got " + String.join(", ", arches) + ".");
            }
            out.put(ArchCatalog.require(arches.get(0)), trees.get(ONE));
            return out;
        }
        for (String arch : trees.keySet()) {
            if (!arches.contains(arch)) {
                throw new UserError("--rootfs " + arch + "=" + trees.get(arch) + " is for an architecture --arch does not "
                        + "name (" + String.join(", ", arches) + "); drop one or the other.");
            }
        }
        for (String arch : arches) {
            Path tree = trees.get(arch);
            if (tree == null) {
                throw new UserError("--arch names " + arch + ", but no --rootfs " + arch + "=PATH gives its root filesystem.");
            }
            out.put(ArchCatalog.require(arch), tree);
        }
        return out;
    }
}
