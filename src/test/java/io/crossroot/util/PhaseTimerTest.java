package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseTimerTest {
    @Test
    void summaryGivesEachPhaseInTenthsOfASecondInOrder() {
        Map<String, Duration> timings = new LinkedHashMap<>();
        timings.put("import", Duration.ofMillis(2249));
        timings.put("config", Duration.ofMillis(49));
        timings.put("tail", Duration.ofMillis(50));
        timings.put("long", Duration.ofMillis(12_960));
        timings.put("total", Duration.ofMillis(15_308));
        assertThat(PhaseTimer.summary(timings))
                .isEqualTo("time: import 2.2s config 0.0s tail 0.1s long 13.0s total 15.3s");
        assertThat(PhaseTimer.inSeconds(timings))
                .containsExactly(
                        Map.entry("import", 2.249),
                        Map.entry("config", 0.049),
                        Map.entry("tail", 0.05),
                        Map.entry("long", 12.96),
                        Map.entry("total", 15.308));
    }
}
