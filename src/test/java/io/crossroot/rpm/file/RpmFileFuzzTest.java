package io.crossroot.rpm.file;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crossroot.testing.Fuzzing;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/** An .rpm: lead, both headers, every typed header value, the payload; and the payload's cpio reader alone. */
class RpmFileFuzzTest {
    @FuzzTest
    void rpm(byte[] data) throws Exception {
        java.nio.file.Path file = Fuzzing.file(data, ".rpm");
        acceptsOrExplains(() -> {
            RpmFile rpm = RpmFile.open(file);
            RpmHeader h = rpm.header();
            h.nevra();
            h.files();
            for (DependencyTag tag : DependencyTag.values()) {
                h.dependencies(tag);
            }
            h.scriptlets();
            h.triggers();
            h.payloadDigest();
            RpmSignatureVerifier.checkDigests(rpm);
            rpm.forEachPayloadEntry((f, member, in) -> in.transferTo(OutputStream.nullOutputStream()));
        });
    }

    @FuzzTest
    void cpio(byte[] data) throws Exception {
        acceptsOrExplains(() -> {
            CpioReader r = new CpioReader(new ByteArrayInputStream(data), "fuzz (payload)", index -> {
                if (index > 3) {
                    throw new RpmFormatError("fuzz", "no file " + index);
                }
                return index * 1000L;
            });
            while (r.next() != null) {
                r.data().transferTo(OutputStream.nullOutputStream());
            }
        });
    }
}
