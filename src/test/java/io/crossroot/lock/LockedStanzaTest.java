package io.crossroot.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.Digests;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A locked package's stanza comes from its own .deb (a real one, Debian's netbase), checked against the lock. */
class LockedStanzaTest {
    private static final Path NETBASE = Path.of("src/test/resources/fixtures/debian/netbase_6.5_all.deb");

    @Test
    void theStanzaIsTheDebsControlWithTheLockedFile() throws Exception {
        LockedPackage locked = netbase("netbase", "6.5");
        Paragraph stanza = LockedPackages.stanza(locked, NETBASE);

        BinaryPackage p = BinaryPackage.from(stanza);
        assertThat(p.name()).isEqualTo("netbase");
        assertThat(p.version()).hasToString("6.5");
        assertThat(p.architecture()).isEqualTo("all");
        assertThat(p.filename()).isEqualTo(locked.filename());
        assertThat(p.sha256()).isEqualTo(locked.sha256());
        assertThat(stanza.get("Maintainer")).isNotBlank(); // the rest of the control data is kept
        assertThat(LockedPackage.of(p)).isEqualTo(locked);
    }

    @Test
    void aDebWhoseControlNamesAnotherPackageOrVersionIsRefused() throws Exception {
        assertThatThrownBy(() -> LockedPackages.stanza(netbase("netbase-evil", "6.5"), NETBASE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("netbase-evil 6.5 (all, pool/main/n/netbase/netbase_6.5_all.deb)")
                .hasMessageContaining("Package: netbase")
                .hasMessageContaining("--update-lock");
        assertThatThrownBy(() -> LockedPackages.stanza(netbase("netbase", "7.0"), NETBASE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Version: 6.5");
    }

    private static LockedPackage netbase(String name, String version) throws Exception {
        return new LockedPackage(
                name,
                version,
                "all",
                "pool/main/n/netbase/netbase_6.5_all.deb",
                Files.size(NETBASE),
                Digests.hexOf(NETBASE, Digests.sha256()));
    }
}
