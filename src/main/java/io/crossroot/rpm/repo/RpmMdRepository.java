package io.crossroot.rpm.repo;

import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorClient;
import io.crossroot.debian.MirrorFileNotFoundError;
import io.crossroot.debian.SignatureVerifier;
import io.crossroot.util.UserError;
import io.crossroot.util.WriteFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An rpm-md repository read as dnf reads it: repodata/repomd.xml, verified against its detached signature
 * repomd.xml.asc when the repository publishes one (required under {@link RepoTrust#SIGNED_REPOMD}); every
 * metadata file and package checked against the checksum and size that repomd.xml or primary.xml names, then kept
 * in a content-addressed cache, so a warm cache needs no network but repomd.xml. Thread-safe.
 */
public final class RpmMdRepository {
    private static final String REPOMD = "repodata/repomd.xml";
    /** Comps variants in order of preference; zchunk (group_zck) is not read. */
    private static final List<String> GROUP_TYPES = List.of("group", "group_gz", "group_xz", "group_zst", "group_bz2");

    private final RpmRepoConfig config;
    private final MirrorClient mirror;
    private final ChecksummedStore store;
    private Repomd repomd;

    private RpmMdRepository(RpmRepoConfig config) {
        this.config = config;
        this.mirror = new MirrorClient(config.baseUrl(), config.download());
        this.store = new ChecksummedStore(config.cacheDir().resolve("blobs"));
    }

    public static RpmMdRepository open(RpmRepoConfig config) {
        return new RpmMdRepository(config);
    }

    public RpmRepoConfig config() {
        return config;
    }

    /** The verified repomd.xml, fetched once per instance. */
    public synchronized Repomd repomd() {
        if (repomd == null) {
            URI url = mirror.resolve(REPOMD);
            byte[] xml = mirror.readSmall(
                    url,
                    "It is not an rpm-md repository, or the baseurl is wrong: give the directory that holds "
                            + "repodata/ (for Fedora e.g. .../releases/42/Everything/riscv64/os/).");
            byte[] signature = null;
            try {
                signature = mirror.readSmall(mirror.resolve(REPOMD + ".asc"), "");
            } catch (MirrorFileNotFoundError e) {
                if (config.trust() == RepoTrust.SIGNED_REPOMD) {
                    throw new UserError("The repository " + config.baseUrl() + " publishes no signature for its "
                            + "index (" + url + ".asc), but it was to be signed (repo_gpgcheck). If the packages' "
                            + "own signatures are checked instead (gpgcheck=1, as for openEuler, which signs no "
                            + "repomd.xml), use that trust; otherwise the repository cannot be trusted.");
                }
            }
            if (signature != null) {
                new SignatureVerifier(Keyring.load(config.keyrings())).verifyDetached(xml, signature, url.toString());
            }
            repomd = Repomd.parse(xml, url.toString());
        }
        return repomd;
    }

    /** The verified metadata file of {@code type} (e.g. primary, filelists, modules), as listed (compressed). */
    public Path metadataFile(String type, DownloadListener listener) {
        return fetch(entry(type).file(), "repomd.xml", listener);
    }

    /** Streams every package of primary.xml to {@code action}; returns the count. */
    public int forEachPackage(Consumer<RpmPackage> action) {
        return read("primary", (in, source) -> PrimaryReader.read(in, source, action));
    }

    /** All packages of primary.xml. */
    public List<RpmPackage> packages() {
        List<RpmPackage> out = new ArrayList<>();
        forEachPackage(out::add);
        return out;
    }

    /** Streams every package's full file list (filelists.xml, fetched only when asked for). */
    public int forEachFileList(Consumer<PackageFiles> action) {
        return read("filelists", (in, source) -> FileListsReader.read(in, source, action));
    }

    /** The comps groups and environments, if the repository has a group file. */
    public Optional<Comps> comps() {
        Repomd index = repomd();
        for (String type : GROUP_TYPES) {
            if (index.entry(type).isPresent()) {
                return Optional.of(read(type, CompsReader::read));
            }
        }
        return Optional.empty();
    }

    /** The package's .rpm, verified against primary.xml's checksum and size. */
    public Path fetch(RpmPackage pkg, DownloadListener listener) {
        return fetch(pkg.file(), "primary.xml", listener);
    }

    private RepomdEntry entry(String type) {
        return repomd().entry(type)
                .orElseThrow(() -> new RpmMetadataError("The repository " + config.baseUrl() + " lists no " + type
                        + " metadata in repodata/repomd.xml (it has: "
                        + String.join(
                                ", ",
                                repomd().entries().stream()
                                        .map(RepomdEntry::type)
                                        .toList())
                        + "). It is incomplete or not an rpm-md repository."));
    }

    private interface MetadataReader<T> {
        T read(InputStream in, String source);
    }

    private <T> T read(String type, MetadataReader<T> reader) {
        RepomdEntry e = entry(type);
        Path file = fetch(e.file(), "repomd.xml", DownloadListener.NONE);
        String source = mirror.resolve(encode(e.file().href())).toString();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = bounded(MetadataCompression.decode(raw, source), e, source)) {
            return reader.read(in, source);
        } catch (IOException ex) {
            throw new RpmMetadataError(
                    source + " (verified, cached as " + file + ") cannot be decompressed: "
                            + ex.getMessage()
                            + ". Its checksum matched, so the repository publishes it damaged; report it to "
                            + "the repository's maintainers.",
                    ex);
        }
    }

    /** Decompressed content stops at the open-size repomd.xml names, so a small file cannot expand without end. */
    private static InputStream bounded(InputStream in, RepomdEntry e, String source) {
        if (e.openSize().isEmpty()) {
            return in;
        }
        long limit = e.openSize().getAsLong();
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read += n;
                    if (read > limit) {
                        throw new RpmMetadataError(source + " decompresses to more than the " + limit + " bytes "
                                + "repomd.xml names as its open-size. The repository's metadata is damaged or "
                                + "hostile; crossroot will not use it.");
                    }
                }
                return n;
            }
        };
    }

    private Path fetch(RepoFile file, String listedIn, DownloadListener listener) {
        Optional<Path> cached = store.find(file);
        if (cached.isPresent()) {
            listener.finished(file.href(), cached.get(), true);
            return cached.get();
        }
        URI url = mirror.resolve(encode(file.href()));
        listener.started(file.href(), file.size());
        try {
            Path stored = mirror.read(
                    url,
                    "repomd.xml lists it, so the repository is incomplete or in the middle of a sync; retry later or "
                            + "use another mirror of the repository.",
                    in -> store.store(in, file, url.toString(), listedIn, n -> listener.progress(file.href(), n)));
            listener.finished(file.href(), stored, false);
            return stored;
        } catch (IOException e) {
            throw WriteFailure.of(
                    store.path(file.checksum()),
                    e,
                    "Free space there or set CROSSROOT_CACHE to a directory on a larger file system, then run again.");
        }
    }

    /** The checked location as a URI path: characters such as '^' (in Fedora's versions) percent-encoded. */
    private static String encode(String href) {
        try {
            return new URI(null, null, href, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("checked location " + href, e);
        }
    }
}
