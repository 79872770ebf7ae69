package io.crossroot.rootfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-made .debs with uncompressed members, for corrupt or hostile content no real package has. */
final class TestDebs {
    private TestDebs() {}

    /** A tar member: a regular file (linkTarget null), or a symlink or hard link to linkTarget. */
    record Member(String name, byte flag, String linkTarget, String content, int mode) {
        static Member file(String name, String content) {
            return new Member(name, TarConstants.LF_NORMAL, null, content, 0644);
        }

        static Member setuid(String name, String content) {
            return new Member(name, TarConstants.LF_NORMAL, null, content, 04755);
        }

        static Member dir(String name) {
            return new Member(name, TarConstants.LF_DIR, null, null, 0755);
        }

        static Member symlink(String name, String target) {
            return new Member(name, TarConstants.LF_SYMLINK, target, null, 0777);
        }

        static Member hardlink(String name, String target) {
            return new Member(name, TarConstants.LF_LINK, target, null, 0644);
        }
    }

    static Path deb(Path file, String pkg, Member... data) throws IOException {
        return debWithControl(file, "Package: " + pkg + "\nVersion: 1\nArchitecture: all\n", data);
    }

    /** A .deb whose control file starts with {@code fields} ("Package: x\nVersion: 1\n..."). */
    static Path debWithControl(Path file, String fields, Member... data) throws IOException {
        byte[] control = tar(Member.file("./control", fields + "Maintainer: t <t@example.org>\nDescription: test\n"));
        try (OutputStream out = Files.newOutputStream(file);
                ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            put(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            put(ar, "control.tar", control);
            put(ar, "data.tar", tar(data));
        }
        return file;
    }

    private static void put(ArArchiveOutputStream ar, String name, byte[] bytes) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, bytes.length));
        ar.write(bytes);
        ar.closeArchiveEntry();
    }

    private static byte[] tar(Member... members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Member m : members) {
                // preserveAbsolutePath keeps hostile names ("../x", "/x") exactly as written
                TarArchiveEntry e = new TarArchiveEntry(m.name(), m.flag(), true);
                byte[] content = m.content() == null ? new byte[0] : m.content().getBytes(StandardCharsets.UTF_8);
                if (m.linkTarget() != null) {
                    e.setLinkName(m.linkTarget());
                }
                e.setMode(m.mode());
                e.setSize(m.flag() == TarConstants.LF_NORMAL ? content.length : 0);
                tar.putArchiveEntry(e);
                if (m.flag() == TarConstants.LF_NORMAL) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
