package io.crossroot.rootfs;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.util.UserError;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every native stand-in for an emulated program rests on, while a root is configured ({@link NativeHelpers})
 * or a package is built in it: the host's build of the very same package versions, from the same suite, unpacked
 * once into the toolbox cache, and copied into the root at {@link #DIR} while it stands in.
 */
public final class NativeTwins {
    /** Where the host tree is seen inside the root. */
    public static final String DIR = ".crossroot-native";

    private NativeTwins() {}

    /**
     * The host's (amd64) build of {@code packages} and their dependencies from {@code repo}'s suite; empty, after
     * telling {@code unavailable} why, when it cannot be had (then everything runs emulated).
     */
    public static Optional<Toolbox> hostBuilds(
            DebianRepository repo, DownloadListener downloads, List<String> packages, Consumer<String> unavailable) {
        try {
            return Optional.of(
                    new ToolboxInstaller(repo, repo.config().cacheDir(), downloads).install(packages, Map.of(), false));
        } catch (UserError | UncheckedIOException e) {
            unavailable.accept(
                    "every program runs emulated: the host's builds are not available (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Why a twin resting on {@code packages} must not be used: the first of them whose host build is not exactly
     * the target's version (an output may change with any of them); empty when all match.
     */
    public static Optional<String> versionMismatch(
            Map<String, String> targetVersions, Map<String, String> hostVersions, Collection<String> packages) {
        for (String pkg : packages) {
            String target = targetVersions.get(pkg);
            String host = hostVersions.get(pkg);
            if (target == null || !target.equals(host)) {
                return Optional.of(pkg + ": the host's build is " + (host == null ? "missing" : host)
                        + ", the target's " + (target == null ? "missing" : target));
            }
        }
        return Optional.empty();
    }
}
