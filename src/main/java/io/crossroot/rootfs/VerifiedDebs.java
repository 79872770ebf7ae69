package io.crossroot.rootfs;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Digests;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fetches .debs and checks every cached copy's SHA256 before use: the cache trusts a blob of the right size,
 * and a damaged one must be fetched anew rather than unpacked.
 */
final class VerifiedDebs {
    private final DebianRepository repo;
    private final DownloadListener listener;

    VerifiedDebs(DebianRepository repo, DownloadListener listener) {
        this.repo = repo;
        this.listener = listener;
    }

    List<Path> fetch(List<HashedFile> files) {
        List<Path> paths = new ArrayList<>(repo.fetchAll(files, listener));
        List<Integer> bad = IntStream.range(0, files.size())
                .parallel()
                .filter(i -> !matches(paths.get(i), files.get(i)))
                .boxed()
                .toList();
        for (int i : bad) {
            try {
                Files.deleteIfExists(paths.get(i));
            } catch (IOException e) {
                throw new UserError(
                        "The cached copy " + paths.get(i) + " of "
                                + files.get(i).path() + " is damaged " + "and cannot be deleted (" + e.getMessage()
                                + "). Delete it by hand and run again.",
                        e);
            }
            Path again = repo.fetch(files.get(i), listener);
            if (!matches(again, files.get(i))) {
                throw new UserError(
                        "The cached copy " + again + " of " + files.get(i).path() + " does not match its "
                                + "SHA256 even after downloading it again. Check the disk holding the cache (CROSSROOT_CACHE).");
            }
            paths.set(i, again);
        }
        return paths;
    }

    static boolean matches(Path file, HashedFile expected) {
        try {
            return Digests.hexOf(file, Digests.sha256()).equals(expected.sha256());
        } catch (IOException e) {
            return false;
        }
    }
}
