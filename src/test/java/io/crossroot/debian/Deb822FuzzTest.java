package io.crossroot.debian;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The mirror's texts: deb822 paragraphs, Release files, versions and relation fields. */
class Deb822FuzzTest {
    @FuzzTest
    void paragraphs(byte[] data) throws Exception {
        acceptsOrExplains(() -> Deb822.parseAll(new String(data, StandardCharsets.UTF_8), "fuzz"));
    }

    @FuzzTest
    void release(byte[] data) throws Exception {
        acceptsOrExplains(() -> Release.parse(new String(data, StandardCharsets.UTF_8), "fuzz"));
    }

    @FuzzTest
    void relations(byte[] data) throws Exception {
        acceptsOrExplains(() -> RelationParser.parse("Depends", new String(data, StandardCharsets.UTF_8)));
    }

    @FuzzTest
    void versions(byte[] data) throws Exception {
        String[] two = new String(data, StandardCharsets.UTF_8).split("\n", 2);
        acceptsOrExplains(() -> {
            Version a = Version.parse(two[0]);
            if (two.length > 1) {
                a.compareTo(Version.parse(two[1]));
            }
        });
    }
}
