package io.crossroot.sbom;

import io.crossroot.util.AtomicOutput;
import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes an inventory's documents into the root it lists, and copies of them beside an output. */
public final class RootSbom {
    private static final int MODE = 0644;

    /** Far beyond the document of any real root; a bigger file is not taken as one crossroot wrote. */
    private static final int CARRIED_LIMIT = 256 << 20;

    /** File outputs whose extension the copies beside them replace (disk.img -> disk.spdx.json). */
    private static final List<String> REPLACED_EXTENSIONS = List.of(".tar", ".img", ".qcow2", ".raw");

    private RootSbom() {}

    /** Writes /usr/share/doc/crossroot/sbom.spdx.json (and .cdx.json for CycloneDX) inside {@code root}. */
    public static void writeInto(Path root, Inventory inventory, SbomFormat chosen) throws IOException {
        ConfinedRoot confined = new ConfinedRoot(root);
        for (SbomFormat f : SbomFormat.forChoice(chosen)) {
            confined.write(f.rootPath(), f.write(inventory), MODE);
        }
    }

    /** Writes NAME.spdx.json (and NAME.cdx.json) beside {@code output}, each atomically; returns the paths. */
    public static List<Path> writeBeside(Path output, Inventory inventory, SbomFormat chosen) throws IOException {
        Path base = besideBase(output);
        List<Path> written = new ArrayList<>();
        for (SbomFormat f : SbomFormat.forChoice(chosen)) {
            Path target = base.resolveSibling(base.getFileName() + f.suffix());
            AtomicOutput.write(target, f.write(inventory));
            written.add(target);
        }
        return written;
    }

    /**
     * Copies the inventory a root carries to beside {@code output} (an artifact made from the root, e.g. a disk);
     * a root without one (not built by crossroot) is listed from its dpkg database, without the .debs' origins;
     * a tree without either (not a Debian system) gets none.
     */
    public static List<Path> copyBeside(Path root, Path output, SbomFormat chosen, long epochSecond)
            throws IOException {
        Map<Path, byte[]> documents = documentsBeside(root, output, chosen, epochSecond);
        write(documents);
        return List.copyOf(documents.keySet());
    }

    /**
     * What {@link #copyBeside} writes, by path, read before the artifact is made so that a root whose database
     * cannot be read fails the command before it writes anything.
     */
    public static Map<Path, byte[]> documentsBeside(Path root, Path output, SbomFormat chosen, long epochSecond)
            throws IOException {
        Map<Path, byte[]> out = new LinkedHashMap<>();
        if (BoundedFile.read(root, SbomFormat.SPDX.rootPath(), 0).isEmpty()
                && BoundedFile.read(root, DpkgStatus.PATH, 0).isEmpty()) {
            return out;
        }
        Path base = besideBase(output);
        Inventory listed = null;
        for (SbomFormat f : SbomFormat.forChoice(chosen)) {
            Optional<BoundedFile.Read> carried = BoundedFile.read(root, f.rootPath(), CARRIED_LIMIT);
            byte[] document;
            if (carried.isPresent() && !carried.get().truncated()) {
                document = carried.get().bytes();
            } else {
                if (listed == null) {
                    listed = new RootInventory(List.of(), null, OsRelease.codename(root))
                            .read(root, base.getFileName().toString(), epochSecond);
                }
                document = f.write(listed);
            }
            out.put(base.resolveSibling(base.getFileName() + f.suffix()), document);
        }
        return out;
    }

    /** Writes each document at its path, atomically. */
    public static void write(Map<Path, byte[]> documents) throws IOException {
        for (Map.Entry<Path, byte[]> d : documents.entrySet()) {
            AtomicOutput.write(d.getKey(), d.getValue());
        }
    }

    /** {@code output} without an extension the copies replace: X.tar -> X, disk.img -> disk, DIR -> DIR. */
    static Path besideBase(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        for (String ext : REPLACED_EXTENSIONS) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return abs.resolveSibling(name.substring(0, name.length() - ext.length()));
            }
        }
        return abs;
    }
}
