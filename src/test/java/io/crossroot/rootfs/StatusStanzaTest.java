package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Fixtures;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.deb.DebFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusStanzaTest {
    /** A stanza as dpkg 1.21 wrote it in /var/lib/dpkg/status on Debian 12 (base-files, installed). */
    private static final String REAL = """
            Package: base-files
            Essential: yes
            Status: install ok installed
            Priority: required
            Section: admin
            Installed-Size: 341
            Maintainer: Santiago Vila <sanvila@debian.org>
            Architecture: amd64
            Multi-Arch: foreign
            Version: 12.4+deb12u11
            Replaces: base, dpkg (<= 1.15.0), miscutils
            Provides: base
            Pre-Depends: awk
            Breaks: initscripts (<< 2.88dsf-13.3)
            Conffiles:
             /etc/debian_version 8031d1483ffa9c819e6be94c6c77fd2a
             /etc/issue 349d61a0e072d678e3e94923f0c3ce0e
            Description: Debian base system miscellaneous files
             This package contains the basic filesystem hierarchy of a Debian system, and
             .
             several important miscellaneous files.

            """;

    @Test
    void writesFieldsInDpkgsOrderAndFormat() {
        // the same fields in the order of a .deb's control file (dpkg-gencontrol's order)
        Paragraph control = Deb822.parseOne("""
                Package: base-files
                Version: 12.4+deb12u11
                Architecture: amd64
                Essential: yes
                Maintainer: Santiago Vila <sanvila@debian.org>
                Installed-Size: 341
                Pre-Depends: awk
                Provides: base
                Replaces: base, dpkg (<= 1.15.0), miscutils
                Breaks: initscripts (<< 2.88dsf-13.3)
                Section: admin
                Priority: required
                Multi-Arch: foreign
                Description: Debian base system miscellaneous files
                 This package contains the basic filesystem hierarchy of a Debian system, and
                 .
                 several important miscellaneous files.
                """, "test");
        String real = REAL.replaceAll("(/etc/\\S+) [0-9a-f]{32}", "$1 " + StatusStanza.NEW_CONFFILE);
        assertThat(StatusStanza.format(control, "install ok installed", List.of("/etc/debian_version", "/etc/issue")))
                .isEqualTo(real);
    }

    @Test
    void unpackedPackagesAreMarkedUnpackedWithNewConffiles() {
        Path deb = Fixtures.path("netbase_6.5_all.deb");
        Paragraph control = DebFile.of(deb).control();
        String stanza = StatusStanza.format(control, "install ok unpacked", List.of("/etc/services"));
        assertThat(stanza)
                .startsWith("Package: netbase\nStatus: install ok unpacked\n")
                .contains("\nConffiles:\n /etc/services newconffile\n")
                .endsWith("\n\n");
        assertThat(Deb822.parseOne(stanza, "x").get("Version")).isEqualTo("6.5");
    }
}
