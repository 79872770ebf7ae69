package io.crossroot.util;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** What a tar header says an entry is, read strictly. */
public final class TarEntries {
    private TarEntries() {}

    /**
     * Whether the entry is a regular file by its type flag. commons-compress's {@code isFile()} also answers true for
     * hard links, symlinks, devices, FIFOs and unknown types whose names do not end in '/', so an archive could pass
     * a link off as a file.
     */
    public static boolean isRegularFile(TarArchiveEntry e) {
        byte type = e.getLinkFlag();
        return (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG)
                && !e.isDirectory();
    }
}
