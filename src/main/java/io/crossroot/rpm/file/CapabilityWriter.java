package io.crossroot.rpm.file;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sets a file's security.capability attribute, which java.nio cannot write; the caller supplies it (the toolbox's
 * setfattr, with --no-dereference).
 */
@FunctionalInterface
public interface CapabilityWriter {
    /** Sets {@code vfsCapData} (see {@link FileCapabilities#encode}) on the host file {@code file}, not following it. */
    void set(Path file, byte[] vfsCapData) throws IOException;
}
