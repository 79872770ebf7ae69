package io.crossroot.arch;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one catalog of architecture names across Debian, RPM, OCI, uname, QEMU and ELF. */
public final class ArchCatalog {
    // ELF e_machine values (elf.h)
    private static final int EM_386 = 3;
    private static final int EM_MIPS = 8;
    private static final int EM_PPC64 = 21;
    private static final int EM_S390 = 22;
    private static final int EM_ARM = 40;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int EM_RISCV = 243;
    private static final int EM_LOONGARCH = 258;
    // ARM EABI float ABI flags: the only ELF difference between armel and armhf binaries
    private static final int EF_ARM_ABI_FLOAT_MASK = 0x600;
    private static final int EF_ARM_ABI_FLOAT_HARD = 0x400;
    private static final int EF_ARM_ABI_FLOAT_SOFT = 0x200;

    // binfmt patterns: qemu 10.0's usr/share/qemu/binfmt.d files (ArchCatalogTest checks them against the real ones)
    private static final List<Arch> ALL = List.of(
            new Arch(
                    "amd64",
                    "x86_64",
                    "amd64",
                    null,
                    "x86_64",
                    "x86_64",
                    ElfIdentity.of(2, 1, EM_X86_64),
                    "x86_64-linux-gnu",
                    "/lib64/ld-linux-x86-64.so.2",
                    BinfmtPattern.ofHex(
                            "7f454c4602010100000000000000000002003e00", "fffffffffffefefcfffffffffffffffffeffffff"),
                    List.of("x86_64", "x86-64", "x64")),
            new Arch(
                    "i386",
                    "i686",
                    "386",
                    null,
                    "i686",
                    "i386",
                    ElfIdentity.of(1, 1, EM_386),
                    "i386-linux-gnu",
                    "/lib/ld-linux.so.2",
                    BinfmtPattern.ofHex(
                            "7f454c4601010100000000000000000002000300", "fffffffffffefefcfffffffffffffffffeffffff"),
                    List.of("i686", "i586", "x86", "386")),
            new Arch(
                    "arm64",
                    "aarch64",
                    "arm64",
                    "v8",
                    "aarch64",
                    "aarch64",
                    ElfIdentity.of(2, 1, EM_AARCH64),
                    "aarch64-linux-gnu",
                    "/lib/ld-linux-aarch64.so.1",
                    BinfmtPattern.ofHex(
                            "7f454c460201010000000000000000000200b700", "ffffffffffffff00fffffffffffffffffeffffff"),
                    List.of("aarch64", "arm64/v8", "armv8")),
            new Arch(
                    "armhf",
                    "armv7hl",
                    "arm",
                    "v7",
                    "armv7l",
                    "arm",
                    new ElfIdentity(1, 1, EM_ARM, EF_ARM_ABI_FLOAT_MASK, EF_ARM_ABI_FLOAT_HARD),
                    "arm-linux-gnueabihf",
                    "/lib/ld-linux-armhf.so.3",
                    BinfmtPattern.ofHex(
                            "7f454c4601010100000000000000000002002800", "ffffffffffffff00fffffffffffffffffeffffff"),
                    List.of("armv7", "armv7l", "armv7hl", "arm/v7", "arm")),
            new Arch(
                    "armel",
                    "armv5tel",
                    "arm",
                    "v5",
                    "armv5tel",
                    "arm",
                    new ElfIdentity(1, 1, EM_ARM, EF_ARM_ABI_FLOAT_MASK, EF_ARM_ABI_FLOAT_SOFT),
                    "arm-linux-gnueabi",
                    "/lib/ld-linux.so.3",
                    BinfmtPattern.ofHex(
                            "7f454c4601010100000000000000000002002800", "ffffffffffffff00fffffffffffffffffeffffff"),
                    List.of("armv5", "armv5tel", "arm/v5")),
            new Arch(
                    "ppc64el",
                    "ppc64le",
                    "ppc64le",
                    null,
                    "ppc64le",
                    "ppc64le",
                    ElfIdentity.of(2, 1, EM_PPC64),
                    "powerpc64le-linux-gnu",
                    "/lib64/ld64.so.2",
                    BinfmtPattern.ofHex(
                            "7f454c4602010100000000000000000002001500", "fffffffffffffffcfffffffffffffffffeffff00"),
                    List.of("ppc64le", "powerpc64le")),
            new Arch(
                    "ppc64",
                    "ppc64",
                    "ppc64",
                    null,
                    "ppc64",
                    "ppc64",
                    ElfIdentity.of(2, 2, EM_PPC64),
                    "powerpc64-linux-gnu",
                    "/lib64/ld64.so.1",
                    BinfmtPattern.ofHex(
                            "7f454c4602020100000000000000000000020015", "fffffffffffffffcfffffffffffffffffffeffff"),
                    List.of("powerpc64")),
            new Arch(
                    "s390x",
                    "s390x",
                    "s390x",
                    null,
                    "s390x",
                    "s390x",
                    ElfIdentity.of(2, 2, EM_S390),
                    "s390x-linux-gnu",
                    "/lib/ld64.so.1",
                    BinfmtPattern.ofHex(
                            "7f454c4602020100000000000000000000020016", "fffffffffffffffcfffffffffffffffffffeffff"),
                    List.of()),
            new Arch(
                    "riscv64",
                    "riscv64",
                    "riscv64",
                    null,
                    "riscv64",
                    "riscv64",
                    ElfIdentity.of(2, 1, EM_RISCV),
                    "riscv64-linux-gnu",
                    "/lib/ld-linux-riscv64-lp64d.so.1",
                    BinfmtPattern.ofHex(
                            "7f454c460201010000000000000000000200f300", "ffffffffffffff00fffffffffffffffffeffffff"),
                    List.of("rv64", "rv64gc")),
            new Arch(
                    "loong64",
                    "loongarch64",
                    "loong64",
                    null,
                    "loongarch64",
                    "loongarch64",
                    ElfIdentity.of(2, 1, EM_LOONGARCH),
                    "loongarch64-linux-gnu",
                    "/lib64/ld-linux-loongarch-lp64d.so.1",
                    BinfmtPattern.ofHex(
                            "7f454c4602010100000000000000000002000201", "fffffffffffffffc00fffffffffffffffeffffff"),
                    List.of("loongarch64", "la64")),
            new Arch(
                    "mips64el",
                    "mips64el",
                    "mips64le",
                    null,
                    "mips64",
                    "mips64el",
                    ElfIdentity.of(2, 1, EM_MIPS),
                    "mips64el-linux-gnuabi64",
                    "/lib64/ld.so.1",
                    BinfmtPattern.ofHex(
                            "7f454c4602010100000000000000000002000800", "ffffffffffffff0000fffffffffffffffeffffff"),
                    List.of("mips64le")));

    private static final Map<String, Arch> BY_NAME = index();

    private ArchCatalog() {}

    private static Map<String, Arch> index() {
        Map<String, Arch> m = new LinkedHashMap<>();
        // Canonical Debian names first so that an alias never shadows one (e.g. "arm" -> armhf, not armel).
        for (Arch a : ALL) {
            m.put(a.debian(), a);
        }
        for (Arch a : ALL) {
            for (String n : names(a)) {
                m.putIfAbsent(n.toLowerCase(Locale.ROOT), a);
            }
        }
        return Map.copyOf(m);
    }

    private static List<String> names(Arch a) {
        List<String> n = new ArrayList<>();
        n.add(a.rpm());
        n.add(a.uname());
        n.add(a.ociPlatform());
        n.add(a.ociPlatform().substring("linux/".length()));
        n.addAll(a.aliases());
        return n;
    }

    public static List<Arch> all() {
        return ALL;
    }

    /** Looks up any of an architecture's names: Debian, RPM, OCI (with or without linux/), uname, alias. */
    public static Optional<Arch> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Like {@link #find} but a user-facing error naming the known architectures when the name is unknown. */
    public static Arch require(String name) {
        return find(name)
                .orElseThrow(
                        () -> new UserError(
                                "Unknown architecture '" + name
                                        + "'. crossroot knows "
                                        + ALL.stream().map(Arch::debian).collect(Collectors.joining(", "))
                                        + " (Debian names; RPM, OCI, uname and QEMU names work too). Run 'crossroot arch list' to see them all."));
    }

    /** Parses "a,b,c" or "all" (every architecture that is foreign to this host). */
    public static List<Arch> parseList(String spec) {
        if (spec.trim().equalsIgnoreCase("all")) {
            return ALL.stream().filter(a -> !runsNatively(a)).toList();
        }
        List<Arch> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            if (!s.isBlank()) {
                Arch a = require(s);
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The architecture of a parsed ELF header, or empty when crossroot does not know it. */
    public static Optional<Arch> forElf(int elfClass, int elfData, int machine, int flags) {
        Arch loose = null;
        for (Arch a : ALL) {
            ElfIdentity id = a.elf();
            if (id.matches(elfClass, elfData, machine, flags)) {
                return Optional.of(a);
            }
            if (loose == null && id.elfClass() == elfClass && id.elfData() == elfData && id.machine() == machine) {
                loose = a;
            }
        }
        // An ARM binary without float-ABI flags (e.g. old ABI or static helpers): fall back to the first match.
        return Optional.ofNullable(loose);
    }

    /** The host's architecture, from the JVM's os.arch. */
    public static Arch host() {
        String osArch = System.getProperty("os.arch");
        return find(osArch)
                .orElseThrow(() ->
                        new UserError("This host's architecture '" + osArch + "' is not in crossroot's catalog."));
    }

    /** True when the host kernel runs this architecture's binaries without an interpreter. */
    public static boolean runsNatively(Arch a) {
        Arch host = host();
        if (a.equals(host)) {
            return true;
        }
        return host.debian().equals("amd64") && a.debian().equals("i386")
                || host.debian().equals("arm64") && a.debian().equals("armhf");
    }
}
