package io.crossroot.sandbox;

import io.crossroot.docker.DockerClient;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Picks the sandbox that runs commands inside roots: the chroot sandbox when crossroot runs as root, else the
 * Docker sandbox when an engine answers; {@code --sandbox chroot|docker} overrides the choice.
 */
public enum SandboxChoice {
    AUTO,
    CHROOT,
    DOCKER;

    public static SandboxChoice parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("Unknown sandbox '" + name + "'. Choose auto, chroot or docker.");
        }
    }

    /**
     * The sandbox, and why it was chosen (for the user). {@code busybox} is only fetched for Docker, and
     * {@code imageTools} (which write its helper image) only when the engine lacks that image.
     */
    public Chosen open(Supplier<Path> busybox, Supplier<Toolbox> imageTools) {
        return switch (this) {
            case CHROOT -> new Chosen(new ChrootSandbox(), "chroot (--sandbox chroot)");
            case DOCKER ->
                new Chosen(
                        new DockerSandbox(DockerClient.connect(), busybox.get(), imageTools),
                        "docker (--sandbox docker)");
            case AUTO ->
                ChrootSandbox.available()
                        ? new Chosen(new ChrootSandbox(), "chroot (running as root; --sandbox docker for Docker)")
                        : new Chosen(
                                new DockerSandbox(DockerClient.connect(), busybox.get(), imageTools),
                                "docker (not running as root, so no chroot)");
        };
    }

    public record Chosen(Sandbox sandbox, String description) {}
}
