package io.crossroot.disk;

import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Assembles a partitioned disk image from a root filesystem directory: sizes and places the partitions (1 MiB
 * aligned), creates each filesystem inside a sparse image file at its offset, writes the partition table, and
 * renames the finished file into place. Nothing is mounted and no loop device is used, so it runs unprivileged
 * (apart from reading a root-owned rootfs) and inside containers.
 */
public final class DiskImageBuilder {
    private static final long ALIGN = Sizes.MIB;

    private final Toolbox toolbox;

    public DiskImageBuilder(Toolbox toolbox) {
        this.toolbox = toolbox;
    }

    /**
     * @param rootfs    the root filesystem directory
     * @param inputPath where relative "files" and raw "image" names are looked up (genimage's inputpath)
     * @param generated files to add (fstab, bootloader configuration), placed by mountpoint
     */
    public DiskImage build(DiskPlan plan, Path rootfs, Path inputPath, List<GeneratedFile> generated, Path output) {
        try {
            List<PartitionContent> contents = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (PartitionIdentity id : plan.partitions()) {
                PartitionContent c = content(plan, id.spec(), rootfs, inputPath, generated);
                contents.add(c);
                sizes.add(size(id.spec(), c, inputPath, plan.epoch()));
            }
            List<PlacedPartition> placed = place(plan, sizes);
            long diskBytes = diskSize(plan.layout(), placed);
            Path workDir = rootfs.toAbsolutePath().getParent();
            try (AtomicOutput out = AtomicOutput.open(output)) {
                Path image = out.tempPath();
                try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                    f.setLength(diskBytes); // sparse: nothing is written where the filesystems leave holes
                }
                writeFilesystems(plan, image, placed, contents, inputPath, workDir);
                try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
                    if (plan.layout().table() == DiskLayout.Table.GPT) {
                        GptWriter.write(ch, diskBytes / Sizes.SECTOR, plan.diskGuid(), placed);
                    } else {
                        MbrWriter.write(ch, plan.diskGuid().low32(), placed);
                    }
                    // no fsync: like genimage, a build artefact is not worth forcing ~1 GB of writeback to disk
                }
                out.commit();
            }
            return new DiskImage(output, diskBytes, plan, placed);
        } catch (IOException e) {
            throw new UserError("Could not write the image " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the filesystems concurrently (a small ESP next to a large root: the ESP's time disappears); each tool
     * writes only its own partition's byte range of the shared image file.
     */
    private void writeFilesystems(
            DiskPlan plan,
            Path image,
            List<PlacedPartition> placed,
            List<PartitionContent> contents,
            Path inputPath,
            Path workDir)
            throws IOException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < placed.size(); i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    writer(plan.partitions().get(n).spec(), inputPath, plan.epoch())
                            .write(image, placed.get(n), plan.partitions().get(n), contents.get(n), workDir);
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                await(f);
            }
        }
    }

    private static void await(Future<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while creating the filesystems.", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Converts a raw image to qcow2 (compressed clusters are not used: they slow the guest down). */
    public void toQcow2(Path raw, Path qcow2) {
        try (AtomicOutput out = AtomicOutput.open(qcow2)) {
            // -m 4: parallel coroutines that read ahead but write in order. Not -W: out-of-order writes allocate the
            // clusters in whatever order they finish, so two conversions of one raw image would differ in bytes.
            // The raw image is sparse, so holes are skipped.
            toolbox.run(
                    "qemu-img",
                    "convert",
                    "-m",
                    "4",
                    "-f",
                    "raw",
                    "-O",
                    "qcow2",
                    raw.toString(),
                    out.tempPath().toString());
            out.commit();
        } catch (IOException e) {
            throw new UserError("Could not write " + qcow2 + ": " + e.getMessage(), e);
        }
    }

    private PartitionContent content(
            DiskPlan plan, PartitionSpec spec, Path rootfs, Path inputPath, List<GeneratedFile> generated) {
        String mount = spec.mountpoint();
        String from = spec.contentRoot();
        Path source = null;
        ConfinedRoot inRootfs = new ConfinedRoot(rootfs);
        Set<String> excluded = new HashSet<>();
        if (from != null && spec.filesystem() != Filesystem.NONE && spec.filesystem() != Filesystem.SWAP) {
            // resolved inside the rootfs: a symlinked directory there never fills a partition with a host directory
            source = inRootfs.resolve(from)
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .orElse(null);
            if (source == null) {
                if (!from.equals(mount)) {
                    throw new UserError("Partition " + spec.name() + " is filled from " + from + ", which is not a "
                            + "directory in the root filesystem " + rootfs + ".");
                }
                source = null; // an absent mountpoint directory just means an empty filesystem
            }
            for (PartitionSpec other : plan.layout().partitions()) {
                String m = other.mountpoint();
                if (other != spec && m != null && !m.equals(from) && SystemPaths.isUnder(m, from)) {
                    excluded.add(SystemPaths.relative(m, from));
                }
            }
        }
        List<FilesystemTree.RelativeFile> mine = new ArrayList<>();
        if (mount != null) {
            for (GeneratedFile g : generated) {
                if (owner(plan, g.path()) == spec) {
                    mine.add(new FilesystemTree.RelativeFile(SystemPaths.relative(g.path(), mount), g));
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (String f : spec.files()) {
            Path root = f.startsWith("/") ? rootfs : inputPath;
            files.add((root == null ? Optional.<Path>empty() : ConfinedRoot.resolve(root, f))
                    .orElseThrow(() -> new UserError("Partition " + spec.name() + " lists the file " + f
                            + ", which does not exist in "
                            + (root == null ? "the input path (the rootfs has no /boot; give --input-path)" : root)
                            + ". Layout paths are resolved inside that directory, its symlinks too, as in a chroot.")));
        }
        return new PartitionContent(source, excluded, files, mine);
    }

    /** The partition whose mountpoint is the longest prefix of {@code path}. */
    private static PartitionSpec owner(DiskPlan plan, String path) {
        PartitionSpec best = null;
        for (PartitionSpec p : plan.layout().partitions()) {
            String m = p.mountpoint();
            if (m != null
                    && SystemPaths.isUnder(path, m)
                    && (best == null || m.length() > best.mountpoint().length())) {
                best = p;
            }
        }
        return best;
    }

    private long size(PartitionSpec spec, PartitionContent c, Path inputPath, long epoch) throws IOException {
        FilesystemWriter w = writer(spec, inputPath, epoch);
        ContentSize need = c.source() == null ? ContentSize.EMPTY : ContentSize.of(c.source(), c.excluded());
        for (Path f : c.files()) {
            need = need.plus(
                    Files.isDirectory(f)
                            ? ContentSize.of(f, Set.of()).bytes()
                            : Sizes.alignUp(Files.size(f), ContentSize.BLOCK),
                    1);
        }
        for (FilesystemTree.RelativeFile g : c.generated()) {
            need = need.plus(Sizes.alignUp(g.file().content().length, ContentSize.BLOCK), 1);
        }
        if (spec.filesystem() == Filesystem.NONE && spec.image() != null) {
            need = new ContentSize(Files.size(((RawWriter) w).resolve(spec.image())), 0);
        }
        long minimum = w.minimumSize(need);
        if (spec.size() == null) {
            return Sizes.alignUp(
                    minimum + (spec.headroom() != null ? spec.headroom() : w.defaultHeadroom()), alignment(spec));
        }
        if (spec.size() < minimum) {
            throw new UserError(
                    "Partition " + spec.name() + " is " + Sizes.human(spec.size()) + " but its contents need "
                            + "about " + Sizes.human(minimum) + " (" + Sizes.human(need.bytes())
                            + " of files). Give it a larger "
                            + "size, or leave the size out so crossroot sizes it.");
        }
        return Sizes.alignUp(spec.size(), Sizes.SECTOR);
    }

    /**
     * Places the partitions in layout order: at the layout's offset where it gives one, else after the previous
     * partition at the partition's alignment. A partition may not start before the end of the one before it.
     */
    private List<PlacedPartition> place(DiskPlan plan, List<Long> sizes) {
        List<PlacedPartition> out = new ArrayList<>();
        long firstUsable = plan.layout().table() == DiskLayout.Table.GPT ? GptWriter.FIRST_USABLE_LBA : 1;
        long end = firstUsable; // the first sector after the partition table or the previous partition
        for (int i = 0; i < sizes.size(); i++) {
            PartitionSpec spec = plan.partitions().get(i).spec();
            long alignSectors = alignment(spec) / Sizes.SECTOR;
            long lba;
            if (spec.offset() != null && spec.offset() > 0) {
                lba = spec.offset() / Sizes.SECTOR;
                if (lba < end) {
                    throw new UserError("Partition " + spec.name() + " is to start at offset " + spec.offset() + " ("
                            + Sizes.human(spec.offset()) + "), but "
                            + (i == 0
                                    ? "the partition table"
                                    : "partition "
                                            + plan.partitions()
                                                    .get(i - 1)
                                                    .spec()
                                                    .name())
                            + " ends at " + end * Sizes.SECTOR
                            + ". Move its offset past that, or leave the offset out.");
                }
            } else {
                lba = Sizes.alignUp(end, alignSectors);
            }
            long sectors = sizes.get(i) / Sizes.SECTOR;
            boolean last = i == sizes.size() - 1;
            if (last && spec.size() == null && plan.layout().size() != null) {
                // an auto-sized last partition grows to fill a disk of fixed size
                long diskEnd = GptWriter.lastUsableLba(plan.layout().size() / Sizes.SECTOR) + 1;
                sectors = Math.max(sectors, (diskEnd - lba) / alignSectors * alignSectors);
            }
            out.add(new PlacedPartition(
                    spec.name(), spec.type(), plan.partitions().get(i).partUuid(), lba, sectors, spec.bootable()));
            end = lba + sectors;
        }
        return out;
    }

    private static long alignment(PartitionSpec spec) {
        return spec.align() != null ? spec.align() : ALIGN;
    }

    private static long diskSize(DiskLayout layout, List<PlacedPartition> placed) {
        PlacedPartition last = placed.get(placed.size() - 1);
        // room for GPT's backup entries and header after the last partition, rounded to the alignment
        long needed = Sizes.alignUp((last.lastLba() + 1 + GptWriter.ENTRY_SECTORS + 1) * Sizes.SECTOR, ALIGN);
        if (layout.size() == null) {
            return needed;
        }
        if (layout.size() < needed) {
            throw new UserError("The partitions need " + Sizes.human(needed) + " ("
                    + placed.stream()
                            .map(p -> p.name() + " " + Sizes.human(p.sizeBytes()))
                            .collect(Collectors.joining(", "))
                    + ") but the layout fixes the disk size at " + Sizes.human(layout.size())
                    + ". Raise 'size' or shrink the partitions; no image was written.");
        }
        return Sizes.alignUp(layout.size(), Sizes.SECTOR);
    }

    private FilesystemWriter writer(PartitionSpec spec, Path inputPath, long epoch) {
        return switch (spec.filesystem()) {
            case EXT4 -> new Ext4Writer(toolbox, epoch);
            case VFAT -> new VfatWriter(toolbox, epoch);
            case SWAP -> new SwapWriter();
            case NONE -> new RawWriter(inputPath);
        };
    }
}
