package io.crossroot.pkgbuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one list of programs an accelerated package build runs as the host's (amd64) build of exactly the target's
 * package version, each with why its output cannot depend on the processor it runs on, and of the programs that stay
 * emulated although their package is on it, with why. A twin is used only when its package and every package in
 * {@link Twin#sameAs} have the same version in the build root and on the host: those libraries shape its output.
 */
final class NativeTier {
    /** {@code path}: the program's file in the root (and in the host tree); {@code pkg}: its package. */
    record Twin(String path, String pkg, List<String> sameAs, String reason) {
        Twin {
            sameAs = List.copyOf(sameAs);
        }

        /** The packages whose versions must match. */
        List<String> packages() {
            return Stream.concat(Stream.of(pkg), sameAs.stream()).toList();
        }
    }

    /**
     * The compiler proper of one GCC version for the target, as the host's cross build of the same GCC source:
     * {@code path} is the target's cc1, {@code hostPath} the cross cc1 in the host's package of the same name, whose
     * version is the target's with Debian's {@code crossN} appended. The target's own gcc driver stays emulated and
     * starts it, so every spec, default and option is the target's; {@link #arguments} tell the cross cc1 where the
     * target's gcc headers are (the native driver names no prefix, and the cross build's own is
     * /usr/lib/gcc-cross).
     */
    record CompilerTwin(
            String path, String hostPath, String pkg, List<String> sameAs, List<String> arguments, String reason) {
        CompilerTwin {
            sameAs = List.copyOf(sameAs);
            arguments = List.copyOf(arguments);
        }

        /** The packages whose versions must match. */
        List<String> packages() {
            return Stream.concat(Stream.of(pkg), sameAs.stream()).toList();
        }
    }

    /** The target's C preprocessor and compiler package: its GCC version and the target's triplet. */
    private static final Pattern CPP_PACKAGE = Pattern.compile("cpp-([0-9]+)-([a-z0-9_]+-linux-[a-z0-9_]+)");
    /** The target's assemblers' package, by triplet. */
    private static final Pattern BINUTILS_PACKAGE = Pattern.compile("binutils-([a-z0-9_]+-linux-[a-z0-9_]+)");
    /** The arithmetic libraries cc1 folds constants and optimises loops with. */
    private static final Pattern GCC_LIBRARIES = Pattern.compile("lib(gmp|mpfr|mpc|isl)[0-9]+");
    /** Debian's suffix on the version of a cross build of a target package's source. */
    private static final Pattern CROSS_SUFFIX = Pattern.compile("cross[0-9]+$");

    /** The compiler twins for the GCC versions {@code installed} (package names in the root) has. */
    static List<CompilerTwin> compilers(Collection<String> installed) {
        List<String> libraries = installed.stream()
                .filter(p -> GCC_LIBRARIES.matcher(p).matches())
                .sorted()
                .toList();
        List<CompilerTwin> out = new ArrayList<>();
        for (String pkg : installed.stream().sorted().toList()) {
            Matcher cpp = CPP_PACKAGE.matcher(pkg);
            if (cpp.matches()) {
                String version = cpp.group(1);
                String triplet = cpp.group(2);
                out.add(new CompilerTwin(
                        "usr/libexec/gcc/" + triplet + "/" + version + "/cc1",
                        "usr/libexec/gcc-cross/" + triplet + "/" + version + "/cc1",
                        pkg,
                        libraries,
                        List.of("-iprefix", "/usr/lib/gcc/" + triplet + "/" + version + "/"),
                        "C compiler proper: GCC's output is defined by its source version, target and options "
                                + "(GCC's own bootstrap compares the stages it builds); the target's driver passes "
                                + "the options"));
            }
        }
        return List.copyOf(out);
    }

    /**
     * GCC's LTO plugin of one version, as the host's cross build of the same source ({@code pkg}, versioned as for
     * {@link CompilerTwin}): the linker loads it for every link, and the binutils that read objects through BFD
     * load it from /usr/lib/bfd-plugins, so the host's linker and binutils need the host's plugin at the target's
     * path, and the target's stay emulated unless every GCC version's plugin is there.
     */
    record PluginTwin(String path, String hostPath, String pkg) {}

    /** The target's gcc package (driver, collect2 and the LTO plugin): its GCC version and the triplet. */
    private static final Pattern GCC_PACKAGE = Pattern.compile("gcc-([0-9]+)-([a-z0-9_]+-linux-[a-z0-9_]+)");

    /** The LTO plugins of the GCC versions {@code installed} (package names in the root) has. */
    static List<PluginTwin> plugins(Collection<String> installed) {
        List<PluginTwin> out = new ArrayList<>();
        for (String pkg : installed.stream().sorted().toList()) {
            Matcher gcc = GCC_PACKAGE.matcher(pkg);
            if (gcc.matches()) {
                String dir = gcc.group(2) + "/" + gcc.group(1) + "/liblto_plugin.so";
                out.add(new PluginTwin("usr/libexec/gcc/" + dir, "usr/libexec/gcc-cross/" + dir, pkg));
            }
        }
        return List.copyOf(out);
    }

    /** binutils programs that read objects through BFD, and so load the LTO plugin. */
    private static final List<String> BFD_PROGRAMS =
            List.of("ld.bfd", "ar", "nm", "ranlib", "objcopy", "objdump", "strip", "size", "addr2line");

    /**
     * The twins of the target's binutils that load GCC's LTO plugin ({@link #BFD_PROGRAMS}): native only together
     * with the host's plugins ({@link PluginTwin}).
     */
    static List<Twin> bfdTwins(Collection<String> installed) {
        List<Twin> out = new ArrayList<>();
        for (String pkg : installed.stream().sorted().toList()) {
            Matcher binutils = BINUTILS_PACKAGE.matcher(pkg);
            if (binutils.matches()) {
                for (String program : BFD_PROGRAMS) {
                    out.add(new Twin(
                            "usr/bin/" + binutils.group(1) + "-" + program,
                            pkg,
                            List.of(),
                            "binutils (Debian's host build of binutils-TRIPLET is the cross build of the same "
                                    + "source): the output is defined by the version, the target and the options"));
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code hostVersion} of a host package built from a target package's source, as the target's version. */
    static String sourceVersion(String hostVersion) {
        return CROSS_SUFFIX.matcher(hostVersion).replaceFirst("");
    }

    private static final String TEXT = "reads and writes bytes and text: no word size, byte order or machine in it";
    private static final String FILES = "works on files and their metadata through the same system calls";

    static final List<Twin> TWINS = List.of(
            new Twin(
                    "usr/bin/dash",
                    "dash",
                    List.of(),
                    "/bin/sh: runs configure, make's recipes and debian/rules; "
                            + "it has no machine word of its own (uname is a separate, emulated program)"),
            new Twin(
                    "usr/bin/make",
                    "make",
                    List.of(),
                    "runs recipes; its only machine-dependent value is "
                            + "$(MAKE_HOST), which Debian's build systems do not read"),
            new Twin("usr/bin/sed", "sed", List.of(), TEXT),
            new Twin("usr/bin/grep", "grep", List.of("libpcre2-8-0"), TEXT + "; -P goes through libpcre2"),
            new Twin("usr/bin/mawk", "mawk", List.of(), "awk: numbers are IEEE doubles on every Debian architecture"),
            new Twin("usr/bin/gawk", "gawk", List.of(), "awk: numbers are IEEE doubles on every Debian architecture"),
            new Twin("usr/bin/m4", "m4", List.of(), TEXT + " (autoconf's engine)"),
            new Twin("usr/bin/diff", "diffutils", List.of(), TEXT),
            new Twin("usr/bin/cmp", "diffutils", List.of(), TEXT),
            new Twin("usr/bin/patch", "patch", List.of(), TEXT),
            new Twin("usr/bin/find", "findutils", List.of(), FILES),
            new Twin("usr/bin/xargs", "findutils", List.of(), "starts commands with the kernel's argument limit"),
            new Twin("usr/bin/gzip", "gzip", List.of(), "deflate's output is defined by its version and options"),
            new Twin(
                    "usr/bin/xz",
                    "xz-utils",
                    List.of("liblzma5"),
                    "liblzma's output is defined by its version and "
                            + "options (its blocks do not depend on the thread count)"),
            new Twin(
                    "usr/bin/zstd",
                    "zstd",
                    List.of("libzstd1"),
                    "libzstd's output is defined by its version and " + "options"),
            new Twin(
                    "usr/bin/file",
                    "file",
                    List.of("libmagic1t64", "libmagic-mgc"),
                    "names a file's type from "
                            + "the root's magic database through libmagic (dh_strip and dh_shlibdeps ask it)"),
            new Twin("usr/bin/tar", "tar", List.of(), FILES + "; compression is a separate program"),
            new Twin(
                    "usr/bin/dpkg-deb",
                    "dpkg",
                    List.of("liblzma5", "libzstd1", "zlib1g"),
                    "writes .deb archives "
                            + "with the compressors' libraries; the architecture comes from the control file, never from "
                            + "the machine (dpkg itself stays emulated: it prints its built-in architecture)"));

    /** coreutils: every program not listed in {@link #EMULATED}, all text or file tools. */
    private static final List<String> COREUTILS = List.of(
            "basename",
            "cat",
            "chmod",
            "comm",
            "cp",
            "cut",
            "date",
            "dirname",
            "du",
            "echo",
            "env",
            "expand",
            "expr",
            "false",
            "fold",
            "head",
            "install",
            "join",
            "link",
            "ln",
            "ls",
            "md5sum",
            "mkdir",
            "mktemp",
            "mv",
            "nl",
            "paste",
            "readlink",
            "realpath",
            "rm",
            "rmdir",
            "sha1sum",
            "sha256sum",
            "sha512sum",
            "sleep",
            "stat",
            "tac",
            "tail",
            "tee",
            "test",
            "[",
            "touch",
            "tr",
            "true",
            "truncate",
            "tsort",
            "uniq",
            "unlink",
            "wc");

    /** Programs of packages on the list that stay emulated, and why. */
    static final Map<String, String> EMULATED = Map.ofEntries(
            Map.entry("uname", "prints the machine"),
            Map.entry(
                    "cc1plus",
                    "the cross build looks for the C++ headers under /usr/TRIPLET/include, where the target's are in "
                            + "/usr/include/c++: a prefix cannot move them"),
            Map.entry(
                    "collect2",
                    "finds the linker by the names of its own configuration, which differ between the native and "
                            + "the cross build"),
            Map.entry("gcc", "the driver: its specs and defaults are the target's, and it starts little"),
            Map.entry("arch", "prints the machine"),
            Map.entry("nproc", "a probe of the machine a build may record"),
            Map.entry("printf", "formats floating point in long double, whose precision differs by architecture"),
            Map.entry("seq", "counts in long double, whose precision differs by architecture"),
            Map.entry("sort", "sort -g compares in long double, whose precision differs by architecture"),
            Map.entry("numfmt", "computes in long double, whose precision differs by architecture"),
            Map.entry("od", "prints words in the running machine's byte order and long double's format"),
            Map.entry("stdbuf", "preloads the root's own (target) libstdbuf into the command"),
            Map.entry("bash", "its HOSTTYPE and MACHTYPE are compiled in"),
            Map.entry(
                    "python3",
                    "Debian's Python helpers (pybuild, dh_python3) run setup.py and read sysconfig in the same process, "
                            + "whose answers (EXT_SUFFIX, the multiarch tag, the compiler flags) are the machine's"),
            Map.entry("dpkg", "dpkg --print-architecture prints its compiled-in architecture"),
            Map.entry(
                    "perl",
                    "as /usr/bin/perl it runs a package's own Makefile.PL, XS builds and perl -MConfig, "
                            + "whose answers are the machine's: only the scripts of PERL_SCRIPTS run under the native perl"),
            Map.entry(
                    "chown",
                    "changes owners, which under fakeroot only the fakeroot daemon records: kept emulated "
                            + "although the twins' fakeroot library reaches that daemon too"),
            Map.entry(
                    "chgrp",
                    "changes groups, which under fakeroot only the fakeroot daemon records: kept emulated "
                            + "although the twins' fakeroot library reaches that daemon too"));

    /**
     * Packages whose perl scripts in /usr/bin run under the host's perl of the same version: they read and write
     * text and files and start every tool that answers for the machine (dpkg, the compiler, objdump) as a program.
     * A script that reads perl's own Config (such as dh_perl, which looks for the machine's vendorarch) stays on the
     * emulated perl; so does anything these scripts start as "perl".
     */
    static final Map<String, String> PERL_SCRIPTS = Map.of(
            "debhelper", "dh and dh_*: the build's sequence",
            "dpkg-dev", "dpkg-buildpackage, dpkg-source, dpkg-gencontrol, dpkg-shlibdeps and friends",
            "autoconf", "autoconf, autoheader, autom4te, autoreconf",
            "automake", "automake, aclocal",
            "dh-autoreconf", "dh_autoreconf",
            "dh-strip-nondeterminism", "dh_strip_nondeterminism");

    /**
     * A perl script that loads perl's own Config module (not automake's Automake::Config, nor the word in a comment):
     * it stays on the emulated perl, although the native one reads the target's Config files too.
     */
    static final java.util.regex.Pattern READS_CONFIG =
            java.util.regex.Pattern.compile("\\b(?:use|require)\\s+Config\\b|(?<!::)\\bConfig::");

    /** The perl interpreter's packages, whose versions the native perl must share with the root's. */
    static final java.util.regex.Pattern PERL_PACKAGES =
            java.util.regex.Pattern.compile("perl-base|perl|libperl5\\.[0-9]+|perl-modules-5\\.[0-9]+");

    private NativeTier() {}

    /** Every twin for a root with {@code installed} (package names), coreutils and assemblers included. */
    static List<Twin> all(Collection<String> installed) {
        List<Twin> out = new ArrayList<>(TWINS);
        for (String name : COREUTILS) {
            out.add(new Twin("usr/bin/" + name, "coreutils", List.of(), TEXT + "; " + FILES));
        }
        for (String pkg : installed.stream().sorted().toList()) {
            Matcher binutils = BINUTILS_PACKAGE.matcher(pkg);
            if (binutils.matches()) {
                // Debian's host build of binutils-TRIPLET is the cross assembler of the very same source
                out.add(new Twin(
                        "usr/bin/" + binutils.group(1) + "-as",
                        pkg,
                        List.of(),
                        "assembler: its output is defined by its version, target and options"));
            }
        }
        return List.copyOf(out);
    }
}
