package io.crossroot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The overlay paths go into a shell script and an overlay's options: only plain relative paths pass. */
class RootOverlayTest {
    @Test
    void refusesPathsThatCouldLeaveTheRootOrBreakTheScript() {
        for (String bad : List.of("/usr/bin", "../etc", "usr/../..", "a b", "a:b", "a,b", "a\"b", "$(x)", "", "a//b")) {
            assertThatThrownBy(() -> new RootOverlay("usr/bin", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RootOverlay(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theScriptMountsOverlaysJustBeforeChroot() {
        String script = RootMounts.script(List.of(new RootOverlay("usr/bin", ".crossroot-native/o/usr/bin")));
        assertThat(script)
                .contains("mount -t overlay -o \"ro,lowerdir=$r/.crossroot-native/o/usr/bin:$r/usr/bin\"")
                .containsSubsequence("mount -t tmpfs -o mode=1777 tmp", "mount -t overlay", "chroot=");
        assertThat(RootMounts.script(List.of())).isEqualTo(RootMounts.SCRIPT);
    }

    @Test
    void aRootPathWithOptionSeparatorsCannotBeNamed() {
        assertThat(RootOverlay.canName("/var/tmp/crossroot/root")).isTrue();
        assertThat(RootOverlay.canName("/var/tmp/a:b/root")).isFalse();
        assertThat(RootOverlay.canName("/var/tmp/a,b/root")).isFalse();
    }
}
