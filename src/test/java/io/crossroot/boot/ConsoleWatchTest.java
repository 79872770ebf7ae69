package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleWatchTest {
    private static ConsoleWatch.State feed(ConsoleWatch w, String text) {
        ConsoleWatch.State s = null;
        for (char c : text.toCharArray()) {
            s = w.feed(c);
        }
        return s;
    }

    @Test
    void promptWithoutNewlineMatches() {
        ConsoleWatch w = new ConsoleWatch(BootRunner.DEFAULT_EXPECT);
        assertThat(feed(w, "Debian GNU/Linux forky/sid crossroot ttyS0\r\n\r\ncrossroot login: "))
                .isEqualTo(ConsoleWatch.State.MATCHED);
    }

    @Test
    void panicStopsTheWatchAndKeepsTheLastThirtyLines() {
        ConsoleWatch w = new ConsoleWatch(Pattern.compile("login:"));
        for (int i = 0; i < 40; i++) {
            feed(w, "line " + i + "\n");
        }
        assertThat(feed(w, "[ 3.1] Kernel panic - not syncing: VFS: Unable to mount root fs\n"))
                .isEqualTo(ConsoleWatch.State.PANICKED);
        assertThat(w.lastLines()).hasSize(30).last().asString().contains("Kernel panic");
    }
}
