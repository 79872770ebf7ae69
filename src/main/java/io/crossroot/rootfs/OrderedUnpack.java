package io.crossroot.rootfs;

import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.deb.DebUnpacker;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Unpacks packages into one tree strictly in order (a later package's file wins a shared path, as with dpkg),
 * while other cores decode the next packages' data archives into memory, within a memory budget.
 */
final class OrderedUnpack {
    /** Decoded data held in memory at once, by the packages' Installed-Size. */
    private static final long BUDGET = 384L << 20;
    /** Bigger packages (kernel images) are decoded while writing, streaming, as without prefetching. */
    private static final long PREFETCH_LIMIT = 96L << 20;

    private static final long UNKNOWN_SIZE = 16L << 20;

    private OrderedUnpack() {}

    static List<UnpackedPackage> run(Path root, List<BinaryPackage> order, List<Path> debs, RootfsProgress progress) {
        DebUnpacker unpacker = new DebUnpacker(root);
        ExecutorService pool = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("crossroot-decode-", 0).factory());
        Map<Integer, Future<PrefetchedData>> decoding = new HashMap<>();
        List<UnpackedPackage> out = new ArrayList<>();
        long held = 0;
        int next = 0;
        try {
            for (int i = 0; i < order.size(); i++) {
                for (; next < order.size() && (next <= i || held + size(order.get(next)) <= BUDGET); next++) {
                    if (size(order.get(next)) <= PREFETCH_LIMIT) {
                        Path deb = debs.get(next);
                        decoding.put(next, pool.submit(() -> PrefetchedData.decode(DebFile.of(deb))));
                        held += size(order.get(next));
                    }
                }
                Future<PrefetchedData> data = decoding.remove(i);
                if (data == null) {
                    out.add(unpacker.unpack(DebFile.of(debs.get(i))));
                } else {
                    PrefetchedData d = data.get();
                    out.add(unpacker.unpack(d.deb(), d::forEachDataEntry));
                    held -= size(order.get(i));
                }
                progress.unpacked(i + 1, order.size(), order.get(i).name());
            }
            return out;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while unpacking; the partial root is deleted.");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The decoded size estimate: Installed-Size is in KiB. */
    private static long size(BinaryPackage p) {
        String kib = p.paragraph().get("Installed-Size");
        try {
            return kib == null ? UNKNOWN_SIZE : Long.parseLong(kib.strip()) << 10;
        } catch (NumberFormatException e) {
            return UNKNOWN_SIZE;
        }
    }
}
