package io.crossroot.docker;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
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

    /** Returns the command's exit code. */
    public int run(Arch arch, String image, List<String> cmd, OutputStream stdout, OutputStream stderr)
            throws IOException {
        requireArchitecture(arch, image);
        requireBinfmt(arch);
        return run(new ContainerSpec(image, cmd, List.of()), stdout, stderr);
    }

    /** Creates, runs and removes a container as {@code spec} says; returns the command's exit code. */
    @SuppressWarnings("try") // the remover is only closed
    public int run(ContainerSpec spec, OutputStream stdout, OutputStream stderr) throws IOException {
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

    void requireArchitecture(Arch arch, String image) throws IOException {
        ImageInfo info = docker.inspectImage(image).orElseThrow(() -> new UserError("The engine has no image '"
                + image + "'. Load it first with 'crossroot image load DIR' (a multi-architecture image is loaded as "
                + "NAME:TAG-ARCH, e.g. " + image + "-" + arch.debian() + ")."));
        boolean variantDiffers = !info.variant().isEmpty() && arch.ociVariant() != null
                && !info.variant().equals(arch.ociVariant());
        if (!info.architecture().equals(arch.ociArch()) || variantDiffers) {
            throw new UserError("Image '" + image + "' is " + info.platform() + ", not " + arch.ociPlatform() + " ("
                    + arch.debian() + "). Pass --arch for the image's architecture, or pick the image built for "
                    + arch.debian() + ".");
        }
    }

    void requireBinfmt(Arch arch) {
        if (ArchCatalog.runsNatively(arch)) {
            return;
        }
        boolean registered = kernel.isMounted() && kernel.match(arch.binfmtPattern().magic()).isPresent();
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
