package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.pkgbuild.repo.PackageEntry;
import io.crossroot.pkgbuild.repo.RpmMdPrimary;
import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpmMdPrimaryTest {
    @Test
    void readsPackagesFromPrimaryXml() throws IOException {
        List<PackageEntry> pkgs;
        try (InputStream in = Files.newInputStream(PkgFixtures.path("primary.xml"))) {
            pkgs = RpmMdPrimary.parse(in, "primary.xml");
        }
        assertThat(pkgs).hasSize(2);
        PackageEntry hello = pkgs.get(0);
        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.version()).isEqualTo("2.12.1-3.fc41");
        assertThat(hello.arch()).isEqualTo("riscv64");
        assertThat(hello.location()).isEqualTo("Packages/h/hello-2.12.1-3.fc41.riscv64.rpm");
        assertThat(hello.size()).isEqualTo(85012);
        assertThat(hello.sha256()).hasSize(64);
        assertThat(hello.requires()).containsExactly("libc.so.6(GLIBC_2.34)(64bit)", "rtld(GNU_HASH)", "/bin/sh");
        assertThat(hello.provides()).containsExactly("hello(riscv-64)");
        PackageEntry completion = pkgs.get(1);
        assertThat(completion.version()).isEqualTo("1:2.13-2.fc41");
        assertThat(completion.arch()).isEqualTo("noarch");
        assertThat(completion.provides()).containsExactly("pkgconfig(bash-completion)");
    }

    @Test
    void rejectsBrokenXml() {
        assertThatThrownBy(() -> RpmMdPrimary.parse(new ByteArrayInputStream("<metadata><package>".getBytes()), "x"))
                .isInstanceOf(UserError.class).hasMessageContaining("not valid primary.xml");
    }
}
