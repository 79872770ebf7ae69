package io.crossroot.docker;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.oci.ImageReference;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a command in a throw-away container of a foreign-architecture image: checks first that the image is of
 * that architecture and that the kernel can run its programs (a binfmt_misc entry), and always removes the
 * container afterwards, on Ctrl-C too.
 */
public final class ContainerRunner {
    private final DockerClient docker;
    private final BinfmtMisc kernel;

    public ContainerRunner(DockerClient docker, BinfmtMisc kernel) {
        this.docker = docker;
        this.kernel = kernel;
    }

    /**
     * Returns the command's exit code. {@code image} may name the multi-platform image as it was built (NAME:TAG):
     * an engine that keeps one platform per tag holds A's image as NAME:TAG-A, which is then run.
     */
    public int run(Arch arch, String image, List<String> cmd, OutputStream stdout, OutputStream stderr)
            throws IOException {
        String chosen = imageFor(arch, image);
        requireBinfmt(arch);
        return run(new ContainerSpec(chosen, cmd, List.of()), stdout, stderr);
    }

    /** Set once this process has removed the containers that crossroots killed outright left behind. */
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    /** Creates, runs and removes a container as {@code spec} says; returns the command's exit code. */
    @SuppressWarnings("try") // the remover is only closed
    public int run(ContainerSpec spec, OutputStream stdout, OutputStream stderr) throws IOException {
        if (SWEPT.compareAndSet(false, true)) {
            removeLeftovers();
        }
        // The hook exists before the container: a Ctrl-C while the engine creates it must still remove it.
        AtomicReference<String> created = new AtomicReference<>();
        try (ExitCleanup remover = ExitCleanup.register("crossroot-container-cleanup", () -> {
            String made = created.get();
            if (made != null) {
                removeQuietly(made);
            }
        })) {
            String id = docker.createContainer(spec);
            created.set(id);
            if (ExitCleanup.shuttingDown()) { // the hook may have run before the id was known
                removeQuietly(id);
                throw new UserError("Interrupted while starting a container; it is removed.");
            }
            docker.startContainer(id);
            docker.followLogs(id, stdout, stderr);
            return docker.waitContainer(id);
        }
    }

    /** Removes the containers whose maker has ended without removing them (it was killed outright). */
    void removeLeftovers() throws IOException {
        for (Map.Entry<String, String> c : docker.crossrootContainers().entrySet()) {
            if (ContainerOwner.isGone(c.getValue())) {
                removeQuietly(c.getKey());
            }
        }
    }

    /**
     * The engine's name for {@code image}'s {@code arch} platform: {@code image} itself when it is of that
     * architecture, else IMAGE-A (as 'image load' tags each platform of a multi-platform image) when that one is.
     */
    String imageFor(Arch arch, String image) throws IOException {
        Optional<ImageInfo> named = docker.inspectImage(image);
        if (named.isPresent() && isOf(named.get(), arch)) {
            return image;
        }
        Optional<String> perArch = perArchName(image, arch);
        if (perArch.isPresent()
                && docker.inspectImage(perArch.get()).filter(i -> isOf(i, arch)).isPresent()) {
            return perArch.get();
        }
        String alsoTried = perArch.map(n -> " nor " + n).orElse("");
        if (named.isEmpty()) {
            throw new UserError("The engine has no image '" + image + "'" + alsoTried + " of " + arch.ociPlatform()
                    + ". Load it first with 'crossroot image load DIR' or 'crossroot image build --load' (each "
                    + "architecture of a multi-architecture image is loaded as NAME:TAG-ARCH, which this command "
                    + "finds from NAME:TAG), or check the name with 'docker images'.");
        }
        throw new UserError("Image '" + image + "' is " + named.get().platform() + ", not " + arch.ociPlatform() + " ("
                + arch.debian() + ")"
                + (alsoTried.isEmpty() ? "" : ", and the engine has no " + perArch.get() + " of " + arch.ociPlatform())
                + ". Pass --arch for the image's architecture, or load the image "
                + "built for " + arch.debian() + ".");
    }

    private static boolean isOf(ImageInfo info, Arch arch) {
        boolean variantDiffers = !info.variant().isEmpty()
                && arch.ociVariant() != null
                && !info.variant().equals(arch.ociVariant());
        return info.architecture().equals(arch.ociArch()) && !variantDiffers;
    }

    /** NAME:TAG-A for a NAME[:TAG] reference; none for an image id or digest. */
    private static Optional<String> perArchName(String image, Arch arch) {
        if (image.contains("@") || image.matches("(sha256:)?[0-9a-f]{12,64}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageReference.parse(image).forArch(arch).toString());
        } catch (UserError notAName) {
            return Optional.empty();
        }
    }

    void requireBinfmt(Arch arch) {
        if (ArchCatalog.runsNatively(arch)) {
            return;
        }
        boolean registered =
                kernel.isMounted() && kernel.match(arch.binfmtPattern().magic()).isPresent();
        if (!registered) {
            throw new UserError("The kernel cannot run " + arch.debian() + " programs: no binfmt_misc entry matches "
                    + "them, so every command in the container would fail with 'exec format error'. Register one "
                    + "with 'crossroot binfmt install --arch " + arch.debian() + "' (as root) and run again.");
        }
    }

    private void removeQuietly(String id) {
        try {
            docker.removeContainer(id);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: could not remove container " + id + ": " + e.getMessage()
                    + "; remove it with 'docker rm -f " + id + "'");
        }
    }
}
