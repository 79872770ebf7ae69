package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReleaseTest {
    private static final String TRIXIE_TEXT = new SignatureVerifier(Keyring.debianArchive())
            .verifyClearsigned(Fixtures.bytes("trixie-InRelease"), "trixie")
            .text();
    private static final String FORKY_TEXT = new String(Fixtures.bytes("forky-Release"), StandardCharsets.UTF_8);

    @Test
    void parsesTheIdentityFields() {
        Release r = Release.parse(TRIXIE_TEXT, "trixie");
        assertThat(r.origin()).contains(field(TRIXIE_TEXT, "Origin"));
        assertThat(r.suite()).contains(field(TRIXIE_TEXT, "Suite"));
        assertThat(r.codename()).contains("trixie");
        assertThat(r.isFor("trixie")).isTrue();
        assertThat(r.isFor(field(TRIXIE_TEXT, "Suite"))).isTrue();
        assertThat(r.isFor("sid")).isFalse();
        assertThat(r.architectures())
                .containsExactly(field(TRIXIE_TEXT, "Architectures").split(" "));
        assertThat(r.components())
                .containsExactly(field(TRIXIE_TEXT, "Components").split(" "));
        assertThat(r.acquireByHash())
                .isEqualTo(field(TRIXIE_TEXT, "Acquire-By-Hash").equals("yes"));
        assertThat(r.validUntil()).isEmpty(); // stable releases carry no Valid-Until
    }

    @Test
    void parsesDates() {
        Release forky = Release.parse(FORKY_TEXT, "forky");
        assertThat(forky.date()).isEqualTo(Instant.parse("2026-10-30T08:08:01Z"));
        assertThat(forky.validUntil()).contains(Instant.parse("2026-11-06T08:08:01Z"));
        assertThat(Release.parseDate("Fri, 6 Nov 2026 09:08:01 +0100", "Date", "x"))
                .isEqualTo(Instant.parse("2026-11-06T08:08:01Z"));
        assertThatThrownBy(() -> Release.parseDate("yesterday", "Date", "x"))
                .isInstanceOf(Deb822Error.class)
                .hasMessageContaining("yesterday");
    }

    @Test
    void sha256ListMatchesTheFileLines() {
        Release r = Release.parse(TRIXIE_TEXT, "trixie");
        String sha256Section = TRIXIE_TEXT.substring(TRIXIE_TEXT.indexOf("\nSHA256:\n"));
        Matcher m = Pattern.compile("\n ([0-9a-f]{64}) +([0-9]+) (\\S+)").matcher(sha256Section);
        int lines = 0;
        while (m.find()) {
            lines++;
            assertThat(r.file(m.group(3))).contains(new HashedFile(m.group(3), Long.parseLong(m.group(2)), m.group(1)));
        }
        assertThat(lines).isGreaterThan(100);
        assertThat(r.files()).hasSize(lines);
        // MD5Sum lines are not mixed in: every hash is a SHA256.
        assertThat(r.files().values()).allSatisfy(f -> assertThat(f.sha256()).hasSize(64));
    }

    @Test
    void expiredReleaseFailsUnlessSnapshot() {
        Release forky = Release.parse(FORKY_TEXT, "forky/Release");
        Instant until = forky.validUntil().orElseThrow();

        assertThatCode(() -> forky.checkValid(Fixtures.clockAt(until.minusSeconds(1)), false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> forky.checkValid(Fixtures.clockAt(until.plusSeconds(1)), false))
                .isInstanceOf(ReleaseValidityError.class)
                .hasMessageContaining("forky/Release")
                .hasMessageContaining("expired")
                .hasMessageContaining("--snapshot");
        assertThatCode(() -> forky.checkValid(Fixtures.clockAt(until.plus(Duration.ofDays(3650))), true))
                .doesNotThrowAnyException();
    }

    @Test
    void releaseFromTheFutureFailsUnlessSnapshot() {
        Release forky = Release.parse(FORKY_TEXT, "forky/Release");
        Instant early = forky.date().minus(Release.MAX_FUTURE).minusSeconds(1);
        assertThatThrownBy(() -> forky.checkValid(Fixtures.clockAt(early), false))
                .isInstanceOf(ReleaseValidityError.class)
                .hasMessageContaining("clock");
        assertThatCode(() -> forky.checkValid(Fixtures.clockAt(early), true)).doesNotThrowAnyException();
    }

    @Test
    void damagedSha256LineIsRejected() {
        String broken = FORKY_TEXT.replaceFirst("\nSHA256:\n ([0-9a-f]{64})", "\nSHA256:\n nothex");
        assertThatThrownBy(() -> Release.parse(broken, "x"))
                .isInstanceOf(Deb822Error.class)
                .hasMessageContaining("SHA256");
    }

    private static String field(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": (.*)$").matcher(text);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).strip();
    }
}
