package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;

/** One 'image build --rootfs' value: ARCH=PATH, or a lone PATH (arch null) whose architecture --arch gives. */
record RootfsTree(String arch, Path path) {
    /** ARCH=PATH when what precedes the first '=' is a known architecture; otherwise the whole value is the path. */
    static final class Converter implements ITypeConverter<RootfsTree> {
        @Override
        public RootfsTree convert(String value) {
            int eq = value.indexOf('=');
            if (eq > 0 && ArchCatalog.find(value.substring(0, eq)).isPresent()) {
                return new RootfsTree(value.substring(0, eq), Path.of(value.substring(eq + 1)));
            }
            return new RootfsTree(null, Path.of(value));
        }
    }

    @Override
    public String toString() {
        return arch == null ? path.toString() : arch + "=" + path;
    }

    /** The architectures the trees name, in order: the image's when --arch does not give them. */
    static List<String> namedArches(List<RootfsTree> trees) {
        return trees.stream()
                .map(RootfsTree::arch)
                .filter(a -> a != null)
                .distinct()
                .toList();
    }

    /** The trees by architecture: a lone PATH is the one architecture's, named ones must match the image's. */
    static Map<Arch, Path> forArches(List<RootfsTree> trees, List<String> arches) {
        Map<Arch, Path> out = new LinkedHashMap<>();
        if (trees.size() == 1 && trees.get(0).arch() == null) {
            if (arches.size() != 1) {
                throw new UserError("--rootfs " + trees.get(0) + " is one root filesystem, so give exactly one "
                        + "--arch (its architecture), or several --rootfs ARCH=PATH; got " + String.join(", ", arches)
                        + ".");
            }
            out.put(ArchCatalog.require(arches.get(0)), trees.get(0).path());
            return out;
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        for (RootfsTree tree : trees) {
            if (tree.arch() == null) {
                throw new UserError("--rootfs " + tree + ": with several root filesystems, give each as ARCH=PATH "
                        + "(e.g. --rootfs riscv64=out/riscv64 --rootfs arm64=out/arm64).");
            }
            if (byName.put(tree.arch(), tree.path()) != null) {
                throw new UserError(
                        "--rootfs names " + tree.arch() + " twice; give one root filesystem per architecture.");
            }
            if (!arches.contains(tree.arch())) {
                throw new UserError("--rootfs " + tree + " is for an architecture --arch does not name ("
                        + String.join(", ", arches) + "); drop one or the other.");
            }
        }
        for (String arch : arches) {
            Path tree = byName.get(arch);
            if (tree == null) {
                throw new UserError(
                        "--arch names " + arch + ", but no --rootfs " + arch + "=PATH gives its root filesystem.");
            }
            out.put(ArchCatalog.require(arch), tree);
        }
        return out;
    }
}
