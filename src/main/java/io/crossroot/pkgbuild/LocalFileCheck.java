package io.crossroot.pkgbuild;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checks a local file against the size and SHA256 a source description promises. */
final class LocalFileCheck {
    private LocalFileCheck() {}

    static void verify(Path file, long size, String sha256, String listedWhere) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("The source file " + file + " (" + listedWhere + ") is missing. Put it beside the "
                    + ".dsc (dget or apt-get source fetch all of them), or build from the archive by package name.");
        }
        try {
            long actualSize = Files.size(file);
            String actual = sha256(file);
            if (actualSize != size || !actual.equals(sha256)) {
                throw new UserError("The source file " + file + " does not match its checksum " + listedWhere
                        + ": expected " + size + " bytes with SHA256 " + sha256 + ", found " + actualSize
                        + " bytes with SHA256 " + actual + ". The file is damaged or belongs to another version.");
            }
        } catch (IOException e) {
            throw new UserError("Cannot read the source file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
