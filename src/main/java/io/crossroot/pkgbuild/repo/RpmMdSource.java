package io.crossroot.pkgbuild.repo;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A local (file system) rpm-md repository as a {@link PackageSource}: repodata/repomd.xml names primary.xml's
 * location. A stub for now: no signature or checksum checks of the metadata and no HTTP (no RPM mirror is
 * reachable where crossroot is tested); packages() is what a bootstrap resolver would consume.
 */
public final class RpmMdSource implements PackageSource {
    private static final Pattern PRIMARY = Pattern.compile(
            "<data\\s+type=\"primary\">.*?<location\\s+href=\"([^\"]+)\"", Pattern.DOTALL);

    private final Path base;

    public RpmMdSource(Path base) {
        this.base = base;
    }

    @Override
    public String describe() {
        return "rpm-md " + base.toUri();
    }

    @Override
    public List<PackageEntry> packages(String arch) {
        Path primary = base.resolve(primaryLocation());
        try (InputStream raw = Files.newInputStream(primary);
                InputStream in = primary.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return RpmMdPrimary.parse(in, primary.toString()).stream()
                    .filter(p -> arch.equals(p.arch()) || "noarch".equals(p.arch())).toList();
        } catch (IOException e) {
            throw new UserError("Cannot read " + primary + ": " + e.getMessage(), e);
        }
    }

    private String primaryLocation() {
        Path repomd = base.resolve("repodata/repomd.xml");
        try {
            Matcher m = PRIMARY.matcher(Files.readString(repomd));
            if (!m.find()) {
                throw new UserError(repomd + " lists no primary package list (<data type=\"primary\">).");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UserError("Cannot read " + repomd + ": " + e.getMessage() + ". Is " + base
                    + " an rpm-md repository?", e);
        }
    }
}
