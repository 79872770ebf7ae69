package io.crossroot.arch;

import java.util.Optional;

/**
 * One architecture and its name in every ecosystem crossroot talks to. Instances live in {@link ArchCatalog};
 * code never spells these names itself.
 *
 * @param debian      Debian architecture (dpkg --print-architecture), e.g. arm64
 * @param rpm         RPM architecture (rpm --eval %_arch), e.g. aarch64
 * @param ociArch     OCI image-spec platform.architecture (GOARCH), e.g. arm64
 * @param ociVariant  OCI platform.variant, e.g. v8, v7; null when the spec defines none
 * @param uname       kernel's uname -m, e.g. aarch64
 * @param qemu        QEMU user-mode target, the suffix of qemu-TARGET, e.g. aarch64; shared by armel and armhf
 * @param elf         ELF identity the kernel and loader see
 * @param gnuTriplet  GNU multiarch triplet, used in library paths, e.g. aarch64-linux-gnu
 * @param loader      the glibc dynamic loader path (PT_INTERP) of this Debian architecture
 * @param binfmt      the binfmt_misc rule for qemu-QEMU, as qemu ships it
 * @param aliases     other names users type (x86_64, aarch64, armv7, ...)
 */
public record Arch(
        String debian,
        String rpm,
        String ociArch,
        String ociVariant,
        String uname,
        String qemu,
        ElfIdentity elf,
        String gnuTriplet,
        String loader,
        BinfmtPattern binfmt,
        java.util.List<String> aliases) {

    public Arch {
        aliases = java.util.List.copyOf(aliases);
    }

    public Optional<String> variant() {
        return Optional.ofNullable(ociVariant);
    }

    /** OCI platform string: os/architecture[/variant]. */
    public String ociPlatform() {
        return "linux/" + ociArch + (ociVariant == null ? "" : "/" + ociVariant);
    }

    /** The binfmt_misc rule for this architecture's qemu interpreter (armel and armhf share qemu-arm's). */
    public BinfmtPattern binfmtPattern() {
        return binfmt;
    }

    /** Name of the binfmt_misc entry crossroot registers, following qemu's own naming. */
    public String binfmtName() {
        return "qemu-" + qemu;
    }

    @Override
    public String toString() {
        return debian;
    }
}
