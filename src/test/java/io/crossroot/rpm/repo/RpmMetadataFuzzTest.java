package io.crossroot.rpm.repo;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A repository's texts: versions, dependencies, repomd.xml, primary.xml, filelists, comps and .repo files. */
class RpmMetadataFuzzTest {
    @FuzzTest
    void versions(byte[] data) throws Exception {
        String[] two = new String(data, StandardCharsets.UTF_8).split("\n", 2);
        acceptsOrExplains(() -> {
            RpmVersion a = RpmVersion.parse(two[0]);
            if (two.length > 1) {
                RpmVersion b = RpmVersion.parse(two[1]);
                if (Integer.signum(a.compareTo(b)) != -Integer.signum(b.compareTo(a))) {
                    throw new AssertionError("compareTo is not antisymmetric for " + a + " and " + b);
                }
                if (a.equals(b) && a.hashCode() != b.hashCode()) {
                    throw new AssertionError("equal versions " + a + " and " + b + " hash differently");
                }
            }
        });
    }

    @FuzzTest
    void dependencies(byte[] data) throws Exception {
        acceptsOrExplains(() -> {
            RpmDependency d = RpmDependency.parse(new String(data, StandardCharsets.UTF_8));
            d.satisfiedBy(java.util.List.of(RpmDependency.Simple.of("a")));
            RpmDependency again = RpmDependency.parse(d.toString());
            if (!again.equals(d)) {
                throw new AssertionError(d + " reads back as " + again);
            }
        });
    }

    @FuzzTest
    void repomd(byte[] data) throws Exception {
        acceptsOrExplains(() -> Repomd.parse(data, "fuzz"));
    }

    @FuzzTest
    void primary(byte[] data) throws Exception {
        acceptsOrExplains(() -> PrimaryReader.read(new ByteArrayInputStream(data), "fuzz", p -> {}));
    }

    @FuzzTest
    void filelists(byte[] data) throws Exception {
        acceptsOrExplains(() -> FileListsReader.read(new ByteArrayInputStream(data), "fuzz", p -> {}));
    }

    @FuzzTest
    void comps(byte[] data) throws Exception {
        acceptsOrExplains(() -> CompsReader.read(new ByteArrayInputStream(data), "fuzz"));
    }

    @FuzzTest
    void repoFiles(byte[] data) throws Exception {
        acceptsOrExplains(() -> RepoFileParser.parse(
                new String(data, StandardCharsets.UTF_8), "fuzz", Map.of("basearch", "riscv64", "releasever", "1")));
    }
}
