package io.crossroot.rpm.repo;

import io.crossroot.util.UserError;

/** A downloaded file differs from the checksum and size that repomd.xml (or primary.xml) names; nothing was kept. */
public final class RepoChecksumMismatchError extends UserError {
    RepoChecksumMismatchError(String url, String listedIn, RepoFile expected, long actualSize, String actualHex) {
        super("The file " + url + " does not match " + listedIn + ": expected " + expected.size() + " bytes with "
                + expected.checksum().type() + " " + expected.checksum().hex() + ", got "
                + (actualHex == null
                        ? "more than " + actualSize + " bytes (stopped reading)"
                        : actualSize + " bytes with " + expected.checksum().type() + " " + actualHex)
                + ". The repository is probably in the middle of a sync, or the file was damaged in transit. Retry "
                + "in a few minutes or use another mirror of the repository.");
    }
}
