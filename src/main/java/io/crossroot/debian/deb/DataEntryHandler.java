package io.crossroot.debian.deb;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Receives each entry of a .deb's data.tar; {@code content} is the entry's bytes and is valid during the call. */
@FunctionalInterface
public interface DataEntryHandler {
    void accept(TarArchiveEntry entry, InputStream content) throws IOException;
}
