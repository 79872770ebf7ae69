package io.crossroot.docker;

import io.crossroot.arch.Arch;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.Digest;
import io.crossroot.oci.DockerArchive;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.OciLayout;
import io.crossroot.oci.StreamedDockerArchive;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.oci.tree.LayerSources;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Loads an OCI layout (directory or tar) or a docker-archive tar into the engine. A layout is streamed as a
 * docker-archive, which every Docker and Podman version loads; each platform of a multi-platform image gets
 * its own tag there (see {@link DockerArchive#tagsFor}). Podman, which can hold a multi-platform image under one
 * name, also gets the image's own name as a manifest list of those platform images.
 */
public final class ImageLoader {
    private final DockerClient docker;

    public ImageLoader(DockerClient docker) {
        this.docker = docker;
    }

    // Docker before 23 cannot decompress zstd layers ("archive/tar: invalid tar header" after loading).
    private void requireReadableLayers(OciLayout layout, Path source) throws IOException {
        boolean zstd = layout.images().stream().anyMatch(OciLayout.Image::hasZstdLayers);
        String version = docker.version();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^Engine (\\d+)\\.").matcher(version);
        if (zstd && m.find() && Integer.parseInt(m.group(1)) < 23) {
            throw new UserError(source + " has zstd-compressed layers, which this engine (" + version + ") cannot "
                    + "read; Docker reads them from version 23 on. Rebuild with --compression gzip (the default).");
        }
    }

    /**
     * Loads root filesystems (by architecture) as one image named {@code name}, streamed straight from the trees
     * (see {@link StreamedDockerArchive}).
     * <p>
     * Docker's load first copies the whole archive to a temporary directory and only then unpacks the layer: two
     * passes over the tree. Its import unpacks as the bytes arrive but cannot set the architecture. So on Docker
     * each layer goes in by import (all architectures at once: each import's unpacking runs on one core), and a
     * load of configs and manifest alone (the layers it names are found by diff id) gives the image its platform,
     * Env, Cmd and tag; the imported placeholder images are removed. Other engines (Podman) get the one-pass
     * archive. {@code toolbox} has the getfattr that reads the trees' extended attributes.
     */
    public LoadedImage loadTrees(
            Map<Arch, Path> rootfsByArch,
            Toolbox toolbox,
            ImageConfig config,
            BuildOptions options,
            ImageReference name)
            throws IOException {
        try (LayerSources sources = LayerSources.open(rootfsByArch, toolbox)) {
            return loadTrees(sources, config, options, name);
        }
    }

    /** As {@link #loadTrees(Map, Toolbox, ImageConfig, BuildOptions, ImageReference)}, from trees the caller opened. */
    @SuppressWarnings("try") // the remover is only closed
    public LoadedImage loadTrees(LayerSources trees, ImageConfig config, BuildOptions options, ImageReference name)
            throws IOException {
        PhaseTimer timer = new PhaseTimer();
        StreamedDockerArchive archive = new StreamedDockerArchive(config, options);
        Map<Arch, LayerSource> sources = trees.byArch();
        if (docker.isPodman()) {
            List<String> names = withManifestList(
                    name, List.copyOf(sources.keySet()), docker.loadImage(out -> archive.write(sources, name, out)));
            timer.end("load");
            return new LoadedImage(names, timer.timingsWithTotal());
        }
        List<String> placeholders = java.util.Collections.synchronizedList(new ArrayList<>());
        // Ctrl-C: an import under way dies with its connection; finished ones leave placeholders to remove
        try (ExitCleanup remover =
                ExitCleanup.register("crossroot-placeholder-cleanup", () -> removeAll(placeholders))) {
            // The config load goes out first and waits, open, for the layers' diff ids (see writeWithoutLayers)
            CompletableFuture<Map<Arch, StreamedDockerArchive.Layer>> imported = new CompletableFuture<>();
            FutureTask<List<String>> configLoad =
                    new FutureTask<>(() -> docker.loadImage(out -> archive.writeWithoutLayers(
                            sources.keySet(), () -> resultOf(imported, "importing the layers"), name, out)));
            Thread.ofPlatform().name("crossroot-config-load").daemon().start(configLoad);
            try {
                imported.complete(importAll(sources, archive, placeholders));
            } catch (IOException | RuntimeException | Error e) {
                imported.completeExceptionally(e); // the load's connection drops unfinished: the engine loads nothing
                throw e;
            }
            timer.end("import");
            List<String> names = resultOf(configLoad, "loading the image configs");
            removeAll(placeholders);
            timer.end("config");
            return new LoadedImage(names, timer.timingsWithTotal());
        }
    }

    /** Imports every layer, each on its own thread; the first failure stops the others. */
    private Map<Arch, StreamedDockerArchive.Layer> importAll(
            Map<Arch, LayerSource> sources, StreamedDockerArchive archive, List<String> placeholders)
            throws IOException {
        if (sources.size() == 1) {
            Map.Entry<Arch, LayerSource> only = sources.entrySet().iterator().next();
            return Map.of(only.getKey(), importOne(only.getValue(), archive, placeholders));
        }
        ExecutorService pool = Executors.newFixedThreadPool(sources.size());
        try {
            Map<Arch, Future<StreamedDockerArchive.Layer>> pending = new LinkedHashMap<>();
            sources.forEach(
                    (arch, source) -> pending.put(arch, pool.submit(() -> importOne(source, archive, placeholders))));
            Map<Arch, StreamedDockerArchive.Layer> layers = new LinkedHashMap<>();
            for (Map.Entry<Arch, Future<StreamedDockerArchive.Layer>> e : pending.entrySet()) {
                try {
                    String what = "importing the " + e.getKey().debian() + " layer";
                    layers.put(e.getKey(), resultOf(e.getValue(), what));
                } catch (IOException | RuntimeException failed) {
                    pending.values().forEach(f -> f.cancel(true)); // an interrupted send closes its connection
                    throw failed;
                }
            }
            return layers;
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES); // so every placeholder made is known before cleanup
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The task's result, or its failure as thrown: an IOException or RuntimeException as it is. */
    private static <T> T resultOf(Future<T> task, String what) throws IOException {
        try {
            return task.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (failed.getCause() instanceof Error e) {
                throw e;
            }
            throw failed.getCause() instanceof IOException io
                    ? io
                    : new IOException(what + " failed", failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while " + what);
        }
    }

    private StreamedDockerArchive.Layer importOne(
            LayerSource source, StreamedDockerArchive archive, List<String> placeholders) throws IOException {
        long[] epoch = new long[1];
        String id = docker.importImage(out -> epoch[0] = archive.writeLayer(source, out));
        placeholders.add(id);
        List<String> diffIds = docker.inspectImage(id).map(ImageInfo::layers).orElse(List.of());
        if (diffIds.size() != 1) {
            throw new EngineError(
                    "import a layer", 0, "the imported image " + id + " has " + diffIds.size() + " layers, not one");
        }
        return new StreamedDockerArchive.Layer(Digest.parse(diffIds.get(0)), epoch[0]);
    }

    /** Removes the imported placeholders; their layers stay, held by the loaded image. */
    private void removeAll(List<String> placeholders) {
        synchronized (placeholders) {
            for (String id : placeholders) {
                try {
                    docker.removeImage(id);
                } catch (IOException | RuntimeException e) {
                    // an untagged leftover at worst; never hide the load's own outcome
                }
            }
            placeholders.clear();
        }
    }

    /**
     * On Podman, with several platforms loaded as NAME:TAG-ARCH: also NAME:TAG, a manifest list of them, so that
     * the engine holds the multi-platform image under its one name. Returns {@code loaded} plus that list's name.
     */
    private List<String> withManifestList(ImageReference name, List<Arch> arches, List<String> loaded)
            throws IOException {
        if (name == null || arches.size() < 2 || !docker.isPodman()) {
            return loaded;
        }
        List<String> instances = new ArrayList<>();
        for (Arch arch : arches) {
            String perArch = name.forArch(arch).toString();
            // the engine reports each name as it stored it, e.g. with its localhost/ prefix
            instances.add(loaded.stream()
                    .filter(n -> n.equals(perArch) || n.endsWith("/" + perArch))
                    .findFirst()
                    .orElseThrow(() -> new EngineError(
                            "load the image",
                            0,
                            "the engine did not report loading " + perArch + " (it reported "
                                    + String.join(", ", loaded) + ")")));
        }
        String first = instances.get(0);
        String repository = first.substring(
                        0,
                        first.length() - name.forArch(arches.get(0)).toString().length())
                + name.repository();
        docker.putManifestList(repository, name.tag(), instances);
        List<String> names = new ArrayList<>(loaded);
        names.add(repository + ":" + name.tag());
        return names;
    }

    /** Returns the names the engine reports; {@code tag} (may be null) renames the image. */
    public List<String> load(Path source, ImageReference tag) throws IOException {
        if (!Files.exists(source)) {
            throw new UserError(source + " does not exist. Give an OCI layout directory from 'crossroot image build' "
                    + "or an image tar.");
        }
        if (Files.isDirectory(source) || OciLayout.isLayoutTar(source)) {
            try (OciLayout layout = OciLayout.open(source)) {
                requireReadableLayers(layout, source);
                List<String> names = docker.loadImage(out -> DockerArchive.write(layout, tag, out));
                List<OciLayout.Image> images = layout.images();
                ImageReference name =
                        tag != null || images.isEmpty() ? tag : images.get(0).name();
                boolean oneName =
                        images.stream().allMatch(i -> tag != null || java.util.Objects.equals(i.name(), name));
                return oneName
                        ? withManifestList(
                                name, images.stream().map(OciLayout.Image::arch).toList(), names)
                        : names;
            }
        }
        if (tag != null) {
            throw new UserError(source + " is a docker-archive without an OCI layout inside, so crossroot cannot "
                    + "rename it; load it without --tag and use 'docker tag'.");
        }
        return docker.loadImage(out -> Files.copy(source, out));
    }
}
