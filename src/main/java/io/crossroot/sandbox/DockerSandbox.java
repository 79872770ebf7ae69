package io.crossroot.sandbox;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.docker.ContainerRunner;
import io.crossroot.docker.ContainerSpec;
import io.crossroot.docker.DockerClient;
import io.crossroot.docker.ImageLoader;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.Digest;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageReference;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.HostProgram;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs commands inside a root filesystem in a throw-away Docker container: a tiny helper image (Debian's static
 * busybox for the host, built and loaded locally once) with the root bound at /target, which mounts /proc, /sys,
 * /dev and /tmp there as the chroot sandbox does ({@link RootMounts}) and chroots into it. The container gets
 * CAP_SYS_ADMIN only so that it may mount; its mounts and processes end with it, and it is removed afterwards,
 * on Ctrl-C too. Foreign programs run through the host kernel's binfmt_misc entries, as everywhere.
 */
public final class DockerSandbox implements Sandbox {
    private static final String TARGET = "/target";
    /** The shell and the programs of {@link RootMounts#SCRIPT}, which the chroot sandbox takes from the host. */
    private static final List<String> APPLETS = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(HostProgram.SH), RootMounts.HOST_PROGRAMS.stream())
            .map(HostProgram::program)
            .toList();

    private final DockerClient docker;
    private final Path busybox;
    private final Supplier<Toolbox> imageTools;
    private String image;

    /**
     * {@code busybox}: a static busybox for the host's architecture (Debian's busybox-static); {@code imageTools}:
     * the toolbox that writes the helper image (its getfattr), asked for only when the engine lacks the image.
     */
    public DockerSandbox(DockerClient docker, Path busybox, Supplier<Toolbox> imageTools) {
        this.docker = docker;
        this.busybox = busybox;
        this.imageTools = imageTools;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public ExecResult exec(Path root, List<String> argv, Map<String, String> env, OutputSink output)
            throws IOException {
        return exec(root, argv, env, output, List.of());
    }

    @Override
    public ExecResult exec(
            Path root, List<String> argv, Map<String, String> env, OutputSink output, List<RootOverlay> overlays)
            throws IOException {
        for (String dir : RootMounts.MOUNT_POINTS) {
            Files.createDirectories(root.resolve(dir));
        }
        List<String> cmd =
                new ArrayList<>(List.of("/bin/sh", "-c", RootMounts.script(overlays), "crossroot-sandbox", TARGET));
        cmd.addAll(argv);
        List<String> environment = new ArrayList<>();
        env.forEach((k, v) -> environment.add(k + "=" + v));
        if (!env.containsKey("PATH")) {
            environment.add("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
        }
        ContainerSpec spec =
                new ContainerSpec(image(), cmd, environment, List.of(root.toAbsolutePath() + ":" + TARGET), true);
        OutputLines lines = new OutputLines(output);
        int code;
        try (lines) {
            code = new ContainerRunner(docker, BinfmtMisc.system()).run(spec, lines, lines);
        }
        return new ExecResult(code, lines.tail());
    }

    /** The helper image, named after its busybox's digest; loaded when the engine lacks it. */
    private synchronized String image() throws IOException {
        if (image != null) {
            return image;
        }
        String name = "crossroot/sandbox:busybox-"
                + Digest.of(Files.readAllBytes(busybox)).hex().substring(0, 12);
        if (docker.inspectImage(name).isEmpty()) {
            Path tree = Files.createTempDirectory("crossroot-sandbox-image");
            try {
                Path bin = Files.createDirectories(tree.resolve("bin"));
                Files.copy(busybox, bin.resolve("busybox"));
                Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
                for (String applet : APPLETS) {
                    Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
                }
                Files.createDirectories(tree.resolve(TARGET.substring(1)));
                Files.createDirectories(tree.resolve("dev"));
                Files.createDirectories(tree.resolve("proc"));
                Files.createDirectories(tree.resolve("sys"));
                new ImageLoader(docker)
                        .loadTrees(
                                Map.of(ArchCatalog.host(), tree),
                                imageTools.get(),
                                ImageConfig.defaults(),
                                BuildOptions.defaults(),
                                ImageReference.parse(name));
            } finally {
                Trees.deleteQuietly(tree);
            }
        }
        image = name;
        return image;
    }
}
