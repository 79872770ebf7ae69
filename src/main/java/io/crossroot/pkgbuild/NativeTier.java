package io.crossroot.pkgbuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            Map.entry("arch", "prints the machine"),
            Map.entry("nproc", "a probe of the machine a build may record"),
            Map.entry("printf", "formats floating point in long double, whose precision differs by architecture"),
            Map.entry("seq", "counts in long double, whose precision differs by architecture"),
            Map.entry("sort", "sort -g compares in long double, whose precision differs by architecture"),
            Map.entry("numfmt", "computes in long double, whose precision differs by architecture"),
            Map.entry("od", "prints words in the running machine's byte order and long double's format"),
            Map.entry("stdbuf", "preloads the root's own (target) libstdbuf into the command"),
            Map.entry("bash", "its HOSTTYPE and MACHTYPE are compiled in"),
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

    /** A perl script that mentions perl's Config module or hash: its answers would be the host's. */
    static final java.util.regex.Pattern READS_CONFIG = java.util.regex.Pattern.compile("\\bConfig\\b");

    /** The perl interpreter's packages, whose versions the native perl must share with the root's. */
    static final java.util.regex.Pattern PERL_PACKAGES =
            java.util.regex.Pattern.compile("perl-base|perl|libperl5\\.[0-9]+|perl-modules-5\\.[0-9]+");

    private NativeTier() {}

    /** Every twin, coreutils included. */
    static List<Twin> all() {
        List<Twin> out = new ArrayList<>(TWINS);
        for (String name : COREUTILS) {
            out.add(new Twin("usr/bin/" + name, "coreutils", List.of(), TEXT + "; " + FILES));
        }
        return List.copyOf(out);
    }
}
