package io.crossroot.rpm.file;

import java.io.IOException;
import java.io.InputStream;

/** Receives the payload members of a package, each matched to the header file it carries. */
@FunctionalInterface
public interface PayloadHandler {
    /**
     * @param file   the header's entry for the member
     * @param member the cpio member; a hard link that is not the group's last carries no data (size 0)
     * @param data   the member's data, readable up to its size
     */
    void accept(RpmFileEntry file, CpioEntry member, InputStream data) throws IOException;
}
