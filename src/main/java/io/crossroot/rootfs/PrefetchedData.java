package io.crossroot.rootfs;

import io.crossroot.debian.deb.DataEntryHandler;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.util.TarEntries;
import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A package's data archive decoded into memory, entry by entry, so that decompression (most of the unpack
 * time: xz in Java) can run on other cores while the tree is written in package order.
 */
final class PrefetchedData {
    private record Entry(TarArchiveEntry header, byte[] content) {}

    private final DebFile deb;
    private final List<Entry> entries;

    private PrefetchedData(DebFile deb, List<Entry> entries) {
        this.deb = deb;
        this.entries = entries;
    }

    static PrefetchedData decode(DebFile deb) {
        List<Entry> entries = new ArrayList<>();
        deb.forEachDataEntry((header, in) ->
                entries.add(new Entry(header, TarEntries.isRegularFile(header) ? in.readAllBytes() : null)));
        return new PrefetchedData(deb, entries);
    }

    DebFile deb() {
        return deb;
    }

    /** Replays the entries as {@link DebFile#forEachDataEntry} would read them. */
    void forEachDataEntry(DataEntryHandler handler) {
        try {
            for (Entry e : entries) {
                handler.accept(e.header(), new ByteArrayInputStream(e.content() == null ? new byte[0] : e.content()));
            }
        } catch (IOException e) {
            throw new UserError("Unpacking " + deb.path() + " failed: " + e.getMessage() + ". Check free space.", e);
        }
    }
}
