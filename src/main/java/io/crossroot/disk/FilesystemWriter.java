package io.crossroot.disk;

import java.io.IOException;
import java.nio.file.Path;

/** Creates one kind of filesystem directly inside the image file, at a byte offset: no loop device, no mount. */
interface FilesystemWriter {
    /** The smallest partition that holds {@code content}, before the layout's headroom. */
    long minimumSize(ContentSize content);

    /** Headroom added to an auto-sized partition when the layout names none. */
    long defaultHeadroom();

    void write(Path image, PlacedPartition where, PartitionIdentity id, PartitionContent content, Path workDir)
            throws IOException;
}
