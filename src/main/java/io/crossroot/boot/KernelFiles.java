package io.crossroot.boot;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest kernel and its initrd in a rootfs's /boot, as Debian's linux-image and initramfs-tools put them
 * (initrd.img-VERSION) or an RPM distribution's kernel-install and dracut do (initramfs-VERSION.img): regular files
 * (not symlinks, which could name a host file) in /boot resolved inside the rootfs.
 */
public record KernelFiles(String version, Path kernel, Path initrd) {
    public static KernelFiles find(Path rootfs, String forWhat) {
        Path boot = ConfinedRoot.resolve(rootfs, "/boot")
                .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .orElse(null);
        Optional<Path> kernel;
        try (Stream<Path> s = boot != null ? Files.list(boot) : Stream.empty()) {
            kernel = s.filter(p -> p.getFileName().toString().matches("(vmlinuz|vmlinux|Image)-.+"))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .max(Comparator.comparing(p -> io.crossroot.debian.Version.parse(version(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kernel.isEmpty()) {
            throw new UserError("The root filesystem " + rootfs + " has no kernel in /boot, which the " + forWhat
                    + " profile needs. Build it with a kernel, e.g. 'crossroot rootfs --include linux-image-riscv64' "
                    + "(linux-image-arm64 for arm64).");
        }
        String v = version(kernel.get());
        Optional<Path> initrd = Stream.of("initrd.img-" + v, "initramfs-" + v + ".img")
                .map(boot::resolve)
                .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .findFirst();
        if (initrd.isEmpty()) {
            throw new UserError("The root filesystem " + rootfs + " has the kernel "
                    + kernel.get().getFileName()
                    + " but no /boot/initrd.img-" + v + " (nor dracut's /boot/initramfs-" + v + ".img); the kernel "
                    + "loads the disk and filesystem drivers from it (a symlink there is not followed). Include "
                    + "initramfs-tools (Debian) or dracut (RPM distributions) in the rootfs so the kernel's scripts "
                    + "create it.");
        }
        return new KernelFiles(v, kernel.get(), initrd.get());
    }

    private static String version(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.indexOf('-') + 1);
    }
}
