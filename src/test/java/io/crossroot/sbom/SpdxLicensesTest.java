package io.crossroot.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpdxLicensesTest {
    @Test
    void gnuNamesGetTheirSpdxSpelling() {
        assertThat(SpdxLicenses.expression("GPL-2+")).isEqualTo("GPL-2.0-or-later");
        assertThat(SpdxLicenses.expression("GPL-2")).isEqualTo("GPL-2.0-only");
        assertThat(SpdxLicenses.expression("LGPL-2.1+")).isEqualTo("LGPL-2.1-or-later");
        assertThat(SpdxLicenses.expression("LGPL-3")).isEqualTo("LGPL-3.0-only");
        assertThat(SpdxLicenses.expression("AGPL-3+")).isEqualTo("AGPL-3.0-or-later");
        assertThat(SpdxLicenses.expression("GFDL-1.3+")).isEqualTo("GFDL-1.3-or-later");
        assertThat(SpdxLicenses.expression("GPL-2.0-only")).isEqualTo("GPL-2.0-only");
        assertThat(SpdxLicenses.expression("LGPL-2.1-or-later")).isEqualTo("LGPL-2.1-or-later");
    }

    @Test
    void otherDebianNamesMapOrBecomeLicenseRefs() {
        assertThat(SpdxLicenses.expression("Expat")).isEqualTo("MIT");
        assertThat(SpdxLicenses.expression("BSD-3-clause")).isEqualTo("BSD-3-Clause");
        assertThat(SpdxLicenses.expression("Apache-2.0")).isEqualTo("Apache-2.0");
        assertThat(SpdxLicenses.expression("public-domain")).isEqualTo("LicenseRef-public-domain");
        assertThat(SpdxLicenses.expression("GPL")).isEqualTo("LicenseRef-GPL");
        assertThat(SpdxLicenses.expression("ad hoc+")).isEqualTo("LicenseRef-ad-hoc-plus");
    }

    @Test
    void operatorsAndCommasKeepTheirMeaning() {
        assertThat(SpdxLicenses.expression("Artistic or GPL-1+")).isEqualTo("Artistic-1.0-Perl OR GPL-1.0-or-later");
        assertThat(SpdxLicenses.expression("GPL-2+ and BSD-3-clause")).isEqualTo("GPL-2.0-or-later AND BSD-3-Clause");
        assertThat(SpdxLicenses.expression("GPL-2+ or Expat, and BSD-3-clause"))
                .isEqualTo("(GPL-2.0-or-later OR MIT) AND BSD-3-Clause");
        assertThat(SpdxLicenses.expression("or")).isEqualTo(InventoryPackage.NOASSERTION);
    }

    @Test
    void exceptionsWithAnSpdxIdentifierStayExceptionsOthersAreDebiansOwn() {
        assertThat(SpdxLicenses.expression("GPL-2+ with Classpath exception"))
                .isEqualTo("GPL-2.0-or-later WITH Classpath-exception-2.0");
        assertThat(SpdxLicenses.expression("GPL-2+ with OpenSSL exception"))
                .isEqualTo("LicenseRef-GPL-2-plus-with-OpenSSL-exception");
    }

    @Test
    void refsListsTheLicenseRefsOfAnExpression() {
        assertThat(SpdxLicenses.refs("(LicenseRef-a OR MIT) AND LicenseRef-b-plus"))
                .containsExactly("LicenseRef-a", "LicenseRef-b-plus");
    }
}
