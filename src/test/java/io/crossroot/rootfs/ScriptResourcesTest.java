package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lines as Debian's maintainer scripts have them (trixie's libpam-runtime, ucf users, adduser callers). */
class ScriptResourcesTest {
    private static java.util.Set<String> of(String script) {
        return ScriptResources.of(script.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void programsThatOpenDebconfsDatabaseCountAsDebconf() {
        assertThat(of(". /usr/share/debconf/confmodule\n")).contains("debconf");
        assertThat(of("ucf --three-way \"$new\" /etc/foo.conf\n")).contains("debconf", "ucf");
        assertThat(of("pam-auth-update --package\n")).contains("debconf", "accounts");
        assertThat(of("dpkg-reconfigure -fnoninteractive tzdata\n")).contains("debconf");
    }

    @Test
    void otherScriptsShareNothingWithDebconf() {
        assertThat(of("adduser --system --home /nonexistent --no-create-home _apt\n"))
                .containsExactly("accounts");
        assertThat(of("update-alternatives --install /usr/bin/pager pager /bin/more 50\n"))
                .containsExactly("alternatives");
        // words inside other words do not count
        assertThat(of("rm -f /etc/ucf-like.conf /usr/lib/debconf-ish\n")).isEmpty();
    }
}
