package io.crossroot.disk;

import io.crossroot.toolbox.ToolError;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** FAT via mkfs.vfat --offset (in place, --invariant) and mtools' mcopy -i IMAGE@@OFFSET: no mount. */
final class VfatWriter implements FilesystemWriter {
    private static final long MIN_SIZE = 8 * Sizes.MIB;
    /** Below this, FAT32 would have fewer clusters than its minimum (65525 at 512-byte clusters). */
    private static final long FAT32_FROM = 64 * Sizes.MIB;

    private final Toolbox toolbox;
    private final long epoch;

    VfatWriter(Toolbox toolbox, long epoch) {
        this.toolbox = toolbox;
        this.epoch = epoch;
    }

    @Override
    public long minimumSize(ContentSize c) {
        return Math.max(MIN_SIZE, Sizes.alignUp((long) (c.bytes() * 1.1) + c.inodes() * 64 + 2 * Sizes.MIB, Sizes.MIB));
    }

    @Override
    public long defaultHeadroom() {
        return 16 * Sizes.MIB;
    }

    @Override
    public void write(Path image, PlacedPartition where, PartitionIdentity id, PartitionContent content, Path workDir)
            throws IOException {
        List<String> mkfs = new ArrayList<>(List.of(
                "--invariant",
                "-i",
                String.format(Locale.ROOT, "%08X", id.fsUuid().low32()),
                "-n",
                id.label().toUpperCase(Locale.ROOT),
                "--offset",
                String.valueOf(where.firstLba())));
        if (!id.spec().extraArgs().contains("-F")) {
            // mkfs.vfat would pick the FAT size from the whole image file's size, not the partition's
            mkfs.addAll(List.of("-F", where.sizeBytes() >= FAT32_FROM ? "32" : "16"));
        }
        mkfs.addAll(id.spec().extraArgs());
        mkfs.add(image.toString());
        mkfs.add(String.valueOf(where.sizeBytes() / 1024));
        try {
            toolbox.run("mkfs.vfat", mkfs, Reproducible.env(epoch));
            String target = image + "@@" + where.offsetBytes();
            List<Path> sources = new ArrayList<>(content.files());
            if (content.source() != null && Files.isDirectory(content.source())) {
                try (Stream<Path> s = Files.list(content.source())) {
                    sources.addAll(s.sorted().toList());
                }
            }
            for (Path source : sources) {
                refuseSymlinks(source, where.name());
            }
            copy(target, sources);
            if (!content.generated().isEmpty()) {
                try (FilesystemTree gen =
                                FilesystemTree.create(null, java.util.Set.of(), content.generated(), workDir, epoch);
                        Stream<Path> s = Files.list(gen.dir())) {
                    copy(target, s.sorted().toList());
                }
            }
        } catch (ToolError e) {
            throw new UserError(
                    "Could not create the FAT filesystem of partition " + where.name() + " ("
                            + Sizes.human(where.sizeBytes()) + "). If it is full, give the partition a larger size.\n"
                            + e.getMessage(),
                    e);
        }
    }

    /** FAT has no symlinks and mcopy copies what one points to, which could be a host file: refuse them. */
    private static void refuseSymlinks(Path top, String partition) throws IOException {
        try (Stream<Path> s = Files.walk(top)) {
            Path link = s.filter(Files::isSymbolicLink).findFirst().orElse(null);
            if (link != null) {
                throw new UserError("Partition " + partition + " is a FAT filesystem, which cannot hold symlinks, but "
                        + "its content " + link + " is one (to " + Files.readSymbolicLink(link) + "). Replace the link "
                        + "by the file itself in the root filesystem, or leave it out of the partition.");
            }
        }
    }

    private void copy(String target, List<Path> sources) {
        if (sources.isEmpty()) {
            return;
        }
        // -s recursive, -p keep attributes, -m keep mtimes, -o overwrite, -Q stop at the first error
        List<String> args = new ArrayList<>(List.of("-i", target, "-s", "-p", "-m", "-o", "-Q"));
        sources.forEach(p -> args.add(p.toString()));
        args.add("::/");
        toolbox.run("mcopy", args, Reproducible.env(epoch));
    }
}
