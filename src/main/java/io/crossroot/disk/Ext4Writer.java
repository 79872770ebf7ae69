package io.crossroot.disk;

import io.crossroot.toolbox.ToolError;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ext4 via mke2fs -d (populated from a staging tree) -E offset=BYTES, written straight into the image file. */
final class Ext4Writer implements FilesystemWriter {
    private static final long MIN_SIZE = 16 * Sizes.MIB;
    private static final long INODE_BYTES = 256;

    private final Toolbox toolbox;
    private final long epoch;

    Ext4Writer(Toolbox toolbox, long epoch) {
        this.toolbox = toolbox;
        this.epoch = epoch;
    }

    @Override
    public long minimumSize(ContentSize c) {
        // data + inode tables (~2 inodes reserved per used one) + metadata and journal (~8%) + 5% reserved blocks
        long raw = c.bytes() + 2 * c.inodes() * INODE_BYTES;
        return Math.max(MIN_SIZE, Sizes.alignUp((long) (raw * 1.15) + 16 * Sizes.MIB, Sizes.MIB));
    }

    @Override
    public long defaultHeadroom() {
        return 128 * Sizes.MIB;
    }

    @Override
    public void write(Path image, PlacedPartition where, PartitionIdentity id, PartitionContent content, Path workDir)
            throws IOException {
        try (FilesystemTree tree =
                FilesystemTree.create(content.source(), content.excluded(), content.generated(), workDir, epoch)) {
            List<String> args = new ArrayList<>(List.of(
                    "-t",
                    "ext4",
                    "-F",
                    "-q",
                    "-L",
                    id.label(),
                    "-U",
                    id.fsUuid().lower(),
                    "-E",
                    "offset=" + where.offsetBytes() + ",hash_seed="
                            + Guid.derived(id.spec().name() + "/hash_seed", epoch)
                                    .lower() + ",root_owner=0:0",
                    "-d",
                    tree.dir().toString()));
            args.addAll(id.spec().extraArgs());
            args.add(image.toString());
            args.add(where.sizeBytes() / 1024 + "k");
            tree.pinAccessTimes(); // mke2fs stamps ctimes with the epoch itself, but copies access times
            toolbox.run("mke2fs", args, Reproducible.env(epoch));
        } catch (ToolError e) {
            throw new UserError(
                    "Could not create the ext4 filesystem of partition " + where.name() + " ("
                            + Sizes.human(where.sizeBytes())
                            + "). If mke2fs ran out of space, give the partition a larger size "
                            + "or more headroom.\n" + e.getMessage(),
                    e);
        }
    }
}
