package io.crossroot.debian;

import io.crossroot.util.UserError;
import io.crossroot.util.WriteFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One suite of a Debian mirror, read with apt's chain of trust: the InRelease (or Release + Release.gpg)
 * signature is checked against the keyring, every index against the Release's SHA256 list, every .deb against
 * its index entry. Verified files land in a content-addressed {@link BlobStore}, so a warm cache needs no
 * network. Thread-safe.
 */
public final class DebianRepository {
    /** Index compressions in order of preference, as apt picks them. */
    private static final List<Compression> INDEX_COMPRESSIONS =
            List.of(Compression.XZ, Compression.GZIP, Compression.NONE);

    private static final String INDEX_NOT_FOUND = "The signed Release lists it, so the mirror is incomplete or in "
            + "the middle of a sync; retry later or choose another mirror with --mirror URL.";
    private static final String POOL_NOT_FOUND = "The index may be newer than the pool (a sync in progress); retry "
            + "later or choose another mirror with --mirror URL.";

    private final RepositoryConfig config;
    private final MirrorClient mirror;
    private final BlobStore blobs;
    private Keyring keyring; // loaded on first use: only release() needs it
    private Release release;
    private List<Signer> releaseSigners;
    private HashedFile releaseFile;

    private DebianRepository(RepositoryConfig config) {
        this.config = config;
        this.mirror = new MirrorClient(config.mirror(), config.download());
        this.blobs = new BlobStore(config.cacheDir().resolve("blobs"));
    }

    public static DebianRepository open(RepositoryConfig config) {
        return new DebianRepository(config);
    }

    public RepositoryConfig config() {
        return config;
    }

    public BlobStore blobStore() {
        return blobs;
    }

    /**
     * The suite's verified, valid Release: fetched once per instance from InRelease, or from Release and
     * Release.gpg when the mirror has no InRelease.
     */
    public synchronized Release release() {
        if (release == null) {
            if (keyring == null) {
                keyring = Keyring.load(config.keyrings());
            }
            SignatureVerifier verifier = new SignatureVerifier(keyring);
            String dists = "dists/" + config.suite() + "/";
            URI inRelease = mirror.resolve(dists + "InRelease");
            SignedContent signed;
            URI source;
            byte[] raw;
            try {
                raw = mirror.readSmall(inRelease, "");
                signed = verifier.verifyClearsigned(raw, inRelease.toString());
                source = inRelease;
            } catch (MirrorFileNotFoundError e) {
                source = mirror.resolve(dists + "Release");
                signed = verifyDetached(verifier, source, mirror.resolve(dists + "Release.gpg"));
                raw = signed.text().getBytes(StandardCharsets.UTF_8); // a detached signature signs exactly these bytes
            }
            Release r = Release.parse(signed.text(), source.toString());
            if (!r.isFor(config.suite())) {
                throw new UserError("The Release file " + source + " is for suite "
                        + r.suite().orElse("?")
                        + " (codename " + r.codename().orElse("?") + "), not " + config.suite() + ". The mirror "
                        + "serves the wrong file; choose another mirror with --mirror URL.");
            }
            r.checkValid(config.clock(), config.snapshot());
            release = r;
            releaseSigners = signed.signers();
            releaseFile = new HashedFile(
                    source.equals(inRelease) ? "InRelease" : "Release",
                    raw.length,
                    HexFormat.of().formatHex(Digests.sha256().digest(raw)));
        }
        return release;
    }

    /** The trusted keys whose signatures on the Release were good. */
    public synchronized List<Signer> releaseSigners() {
        release();
        return releaseSigners;
    }

    /** The InRelease (or Release) file the verified Release was read from: its name below dists/SUITE/, size, SHA256. */
    public synchronized HashedFile releaseFile() {
        release();
        return releaseFile;
    }

    private SignedContent verifyDetached(SignatureVerifier verifier, URI releaseUrl, URI signatureUrl) {
        byte[] data = mirror.readSmall(
                releaseUrl,
                "Check the suite name (e.g. trixie, stable, sid) and that the "
                        + "mirror URL is a Debian archive root, the directory holding dists/ and pool/.");
        byte[] signature;
        try {
            signature = mirror.readSmall(signatureUrl, "");
        } catch (MirrorFileNotFoundError e) {
            throw new UntrustedSignatureError(
                    releaseUrl.toString(),
                    "the mirror has neither InRelease nor " + "Release.gpg, so the repository is unsigned",
                    keyring.describe());
        }
        return verifier.verifyDetached(data, signature, releaseUrl.toString());
    }

    /** The packages of {@code component} for Debian architecture {@code arch} (e.g. main, arm64). */
    public List<Paragraph> packages(String component, String arch) {
        List<Paragraph> out = new ArrayList<>();
        forEachPackage(List.of(component), arch, out::add);
        return out;
    }

    /** The Release entry (path, size, SHA256) of the Packages index {@link #packages} reads. */
    public HashedFile packagesIndex(String component, String arch) {
        return chooseIndex(component + "/binary-" + arch + "/Packages");
    }

    /** Streams the packages of several components without holding them all in memory. */
    public void forEachPackage(List<String> components, String arch, Consumer<Paragraph> action) {
        for (String component : components) {
            forEachParagraph(component + "/binary-" + arch + "/Packages", action);
        }
    }

    /** The source packages of {@code component}. */
    public List<Paragraph> sources(String component) {
        List<Paragraph> out = new ArrayList<>();
        forEachSource(List.of(component), out::add);
        return out;
    }

    public void forEachSource(List<String> components, Consumer<Paragraph> action) {
        for (String component : components) {
            forEachParagraph(component + "/source/Sources", action);
        }
    }

    private void forEachParagraph(String indexBase, Consumer<Paragraph> action) {
        HashedFile index = chooseIndex(indexBase);
        Path blob = indexFile(index.path());
        String url = distsUrl(index.path()).toString();
        try (InputStream in = Compression.ofFileName(index.path()).decode(Files.newInputStream(blob))) {
            Deb822.of(in, url).forEachParagraph(action);
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(
                    "Cannot read the cached copy " + blob + " of " + url + ": " + e.getMessage()
                            + ". Delete the file and run again to download it anew.",
                    e);
        }
    }

    private HashedFile chooseIndex(String base) {
        Release r = release();
        for (Compression c : INDEX_COMPRESSIONS) {
            var f = r.file(base + c.suffix());
            if (f.isPresent()) {
                return f.get();
            }
        }
        throw new UserError("The suite " + config.suite() + " on " + mirror.base() + " has no index " + base
                + ": its Release lists components " + r.components() + " and architectures "
                + r.architectures() + ". Check the component and architecture names.");
    }

    /**
     * A verified copy of an index listed in the Release ({@code path} below dists/SUITE/, e.g.
     * main/binary-arm64/Packages.xz), fetched by hash when the archive supports it.
     */
    public Path indexFile(String path) {
        HashedFile f = release()
                .file(path)
                .orElseThrow(() -> new UserError("The Release of " + config.suite() + " does not list " + path
                        + ", so crossroot cannot verify it. Check the file name."));
        List<URI> urls = new ArrayList<>();
        if (release().acquireByHash()) {
            // by-hash files never change, so a mirror sync cannot swap them under us; older mirrors lack them.
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
            urls.add(distsUrl(dir + "by-hash/SHA256/" + f.sha256()));
        }
        urls.add(distsUrl(path));
        return obtain(f, urls, path, INDEX_NOT_FOUND, DownloadListener.NONE);
    }

    private URI distsUrl(String path) {
        return mirror.resolve("dists/" + config.suite() + "/" + path);
    }

    /** Downloads (or finds in the cache) the .deb of a Packages paragraph. */
    public Path fetch(Paragraph pkg) {
        return fetch(HashedFile.ofPackage(pkg), DownloadListener.NONE);
    }

    /** Downloads (or finds in the cache) a pool file, e.g. pool/main/n/netbase/netbase_6.5_all.deb. */
    public Path fetch(String filename, long size, String sha256) {
        return fetch(new HashedFile(filename, size, sha256), DownloadListener.NONE);
    }

    public Path fetch(HashedFile file, DownloadListener listener) {
        return obtain(file, List.of(mirror.resolve(file.path())), file.path(), POOL_NOT_FOUND, listener);
    }

    /**
     * Fetches many pool files with {@link RepositoryConfig#parallelism()} concurrent downloads; returns their
     * paths in the order of {@code files}. The first failure is thrown once the downloads already running end.
     */
    public List<Path> fetchAll(List<HashedFile> files, DownloadListener listener) {
        if (files.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(config.parallelism(), files.size()),
                Thread.ofPlatform().daemon().name("crossroot-download-", 0).factory());
        try {
            Map<String, Future<Path>> byHash = new HashMap<>(); // the same blob twice is fetched once
            List<Future<Path>> futures = new ArrayList<>();
            for (HashedFile f : files) {
                futures.add(byHash.computeIfAbsent(f.sha256(), h -> pool.submit(() -> fetch(f, listener))));
            }
            List<Path> out = new ArrayList<>();
            for (Future<Path> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Downloading was interrupted; nothing half-written was kept. Run again to resume.");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The cached blob, or the first of {@code urls} the mirror has, verified and stored. */
    private Path obtain(HashedFile f, List<URI> urls, String name, String notFoundAdvice, DownloadListener listener) {
        var cached = blobs.find(f);
        if (cached.isPresent()) {
            listener.finished(name, cached.get(), true);
            return cached.get();
        }
        listener.started(name, f.size());
        for (int i = 0; ; i++) {
            URI url = urls.get(i);
            try {
                Path p = mirror.read(
                        url, notFoundAdvice, in -> blobs.store(in, f, url.toString(), n -> listener.progress(name, n)));
                listener.finished(name, p, false);
                return p;
            } catch (MirrorFileNotFoundError e) {
                if (i == urls.size() - 1) {
                    throw e;
                }
            } catch (IOException e) {
                throw WriteFailure.of(
                        blobs.path(f.sha256()),
                        e,
                        "Free space there or set CROSSROOT_CACHE to a "
                                + "directory on a larger file system, then run again.");
            }
        }
    }
}
