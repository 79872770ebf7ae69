package io.crossroot.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossroot.docker.http.EngineSocket;
import io.crossroot.docker.http.HttpResponse;
import io.crossroot.docker.http.RequestBody;
import io.crossroot.docker.http.UnixHttpClient;
import io.crossroot.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed commands of the Docker Engine API (also served by Podman's compatible socket) over {@link UnixHttpClient}.
 * Paths carry no API version, so each engine answers in its own current version.
 */
public final class DockerClient {
    private static final String LOADED = "Loaded image: ";
    private static final String LOADED_ID = "Loaded image ID: ";

    private final UnixHttpClient http;
    private final EngineSocket socket;
    private Boolean podman; // known after the first ping
    private String libpodVersion; // Podman's own API version, from its ping; its routes need it in the path

    public DockerClient(EngineSocket socket) {
        this.socket = socket;
        this.http = new UnixHttpClient(socket);
    }

    public static DockerClient connect() {
        DockerClient c = new DockerClient(EngineSocket.locate());
        c.ping();
        return c;
    }

    public EngineSocket socket() {
        return socket;
    }

    /** Fails with how to start an engine when none answers. */
    public void ping() {
        try (HttpResponse r = http.send("GET", "/_ping", null, null)) {
            if (!r.ok()) {
                throw new EngineError("answer a ping", r.status(), r.bodyText());
            }
            libpodVersion = r.headers().get("libpod-api-version");
            podman = libpodVersion != null;
        } catch (IOException e) {
            throw socket.unreachable(e);
        }
    }

    /** Whether the engine is Podman (its ping names its libpod API), which loads images differently. */
    public boolean isPodman() {
        if (podman == null) {
            ping();
        }
        return podman;
    }

    /** Engine name and version, e.g. "Docker Engine - Community 20.10.24" or "Podman Engine 4.3.1". */
    public String version() throws IOException {
        JsonNode v = getJson("/version", "read its version");
        String name = v.path("Components").path(0).path("Name").asText("engine");
        return name + " " + v.path("Version").asText();
    }

    /** Loads an image archive (docker-archive tar) and returns the names the engine reports loading. */
    public List<String> loadImage(RequestBody tar) throws IOException {
        List<String> loaded = new ArrayList<>();
        postTar("/images/load?quiet=1", tar, "load the image", n -> {
            for (String s : n.path("stream").asText("").split("\n")) {
                if (s.startsWith(LOADED)) {
                    // Podman names all its images on one line, comma-separated
                    for (String name : s.substring(LOADED.length()).split(",")) {
                        loaded.add(name.strip());
                    }
                } else if (s.startsWith(LOADED_ID)) {
                    loaded.add(s.substring(LOADED_ID.length()).strip());
                }
            }
        });
        return loaded;
    }

    /**
     * Imports one uncompressed layer tar as a new untagged image (the engine unpacks it as it arrives) and
     * returns the image's id; its layer's diff id is the tar's sha256, which the engine computes.
     */
    public String importImage(RequestBody tar) throws IOException {
        List<String> ids = new ArrayList<>();
        postTar("/images/create?fromSrc=-", tar, "import a layer", n -> {
            String status = n.path("status").asText("");
            if (status.startsWith("sha256:")) {
                ids.add(status);
            }
        });
        if (ids.isEmpty()) {
            throw new EngineError("import a layer", 0, "the engine did not report the new image's id");
        }
        return ids.get(ids.size() - 1);
    }

    /** Streams a tar to {@code path} and hands each JSON message of the answer to {@code message}. */
    private void postTar(String path, RequestBody tar, String what, Consumer<JsonNode> message) throws IOException {
        try (HttpResponse r = http.send("POST", path, "application/x-tar", tar)) { // the body stream buffers
            if (!r.ok()) {
                throw new EngineError(what, r.status(), message(r.bodyText()));
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.read(line);
                if (n.has("errorDetail") || n.has("error")) {
                    throw new EngineError(what, 0, n.path("error").asText(n.toString()));
                }
                message.accept(n);
            }
        }
    }

    /**
     * Podman only: names the local {@code images} (one per platform, as the engine names them) together as the
     * manifest list REPOSITORY:TAG, as 'podman manifest create' does. A list of that name is replaced; another
     * image of that name loses only that name, as a load moves a tag.
     */
    public void putManifestList(String repository, String tag, List<String> images) throws IOException {
        if (!isPodman()) {
            throw new IllegalStateException("manifest lists are Podman's");
        }
        String libpod = "/v" + libpodVersion + "/libpod";
        String name = encode(repository + ":" + tag);
        boolean isList;
        try (HttpResponse r = http.send("GET", libpod + "/manifests/" + name + "/exists", null, null)) {
            r.bodyText();
            isList = r.status() == 204;
        }
        if (isList) {
            try (HttpResponse r = http.send("DELETE", libpod + "/manifests/" + name, null, null)) {
                checked(r, "replace the manifest list " + repository + ":" + tag);
            }
        } else {
            String untag = libpod + "/images/" + name + "/untag?repo=" + encode(repository) + "&tag=" + encode(tag);
            try (HttpResponse r = http.send("POST", untag, null, null)) {
                if (r.status() != 404) {
                    checked(r, "move the name " + repository + ":" + tag);
                }
            }
        }
        StringBuilder create = new StringBuilder(libpod + "/manifests/" + name + "?all=false");
        images.forEach(i -> create.append("&images=").append(encode("containers-storage:" + i)));
        try (HttpResponse r = http.send("POST", create.toString(), null, null)) {
            checked(r, "create the manifest list " + repository + ":" + tag);
        }
    }

    public Optional<ImageInfo> inspectImage(String ref) throws IOException {
        try (HttpResponse r = http.send("GET", "/images/" + encode(ref) + "/json", null, null)) {
            if (r.status() == 404) {
                return Optional.empty();
            }
            JsonNode n = checked(r, "inspect image " + ref);
            List<String> layers = new ArrayList<>();
            n.path("RootFS").path("Layers").forEach(l -> layers.add(l.asText()));
            return Optional.of(new ImageInfo(
                    n.path("Id").asText(),
                    n.path("Os").asText(),
                    n.path("Architecture").asText(),
                    n.path("Variant").asText(""),
                    layers));
        }
    }

    public void removeImage(String ref) throws IOException {
        try (HttpResponse r = http.send("DELETE", "/images/" + encode(ref) + "?force=1", null, null)) {
            if (r.status() != 404) {
                checked(r, "remove image " + ref);
            }
        }
    }

    /** Creates a container (not started) and returns its id. */
    public String createContainer(ContainerSpec spec) throws IOException {
        ObjectNode body = Json.object();
        body.put("Image", spec.image());
        if (!spec.cmd().isEmpty()) {
            spec.cmd().forEach(body.putArray("Cmd")::add);
        }
        if (!spec.env().isEmpty()) {
            spec.env().forEach(body.putArray("Env")::add);
        }
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.putObject("Labels").put(ContainerOwner.LABEL, ContainerOwner.current());
        if (!spec.binds().isEmpty() || spec.mayMount()) {
            ObjectNode host = body.putObject("HostConfig");
            // Mounts, not Binds: a bind source that is gone (a tree deleted on Ctrl-C) is an error, not re-created
            var mounts = host.putArray("Mounts");
            for (String bind : spec.binds()) {
                int colon = bind.lastIndexOf(':');
                mounts.addObject()
                        .put("Type", "bind")
                        .put("Source", bind.substring(0, colon))
                        .put("Target", bind.substring(colon + 1));
            }
            if (spec.mayMount()) {
                // SYS_PACCT: an accelerated package build records its processes (pkgbuild.ProcessAccounting)
                host.putArray("CapAdd").add("SYS_ADMIN").add("SYS_PACCT");
                host.putArray("SecurityOpt").add("seccomp=unconfined").add("apparmor=unconfined");
            }
        }
        byte[] json = Json.bytes(body);
        try (HttpResponse r = http.send("POST", "/containers/create", "application/json", out -> out.write(json))) {
            return checked(r, "create a container from " + spec.image())
                    .path("Id")
                    .asText();
        }
    }

    public void startContainer(String id) throws IOException {
        try (HttpResponse r = http.send("POST", "/containers/" + id + "/start", null, null)) {
            checked(r, "start container " + id);
        }
    }

    /** Copies the container's stdout and stderr until it exits. */
    public void followLogs(String id, OutputStream stdout, OutputStream stderr) throws IOException {
        try (HttpResponse r = http.send("GET", "/containers/" + id + "/logs?follow=1&stdout=1&stderr=1", null, null)) {
            if (!r.ok()) {
                throw new EngineError("read the output of container " + id, r.status(), message(r.bodyText()));
            }
            StreamFrames.demultiplex(r.body(), stdout, stderr);
        }
    }

    /** Waits for the container to stop and returns its exit code. */
    public int waitContainer(String id) throws IOException {
        try (HttpResponse r = http.send("POST", "/containers/" + id + "/wait", null, null)) {
            return checked(r, "wait for container " + id).path("StatusCode").asInt();
        }
    }

    /** Removes the container, running or not; nothing happens when it is gone already. */
    public void removeContainer(String id) throws IOException {
        try (HttpResponse r = http.send("DELETE", "/containers/" + id + "?force=1&v=1", null, null)) {
            if (r.status() != 404) {
                checked(r, "remove container " + id);
            }
        }
    }

    /** The containers crossroot made (running or not), by id, with the process that made each ({@link ContainerOwner}). */
    public Map<String, String> crossrootContainers() throws IOException {
        String filter = encode("{\"label\":[\"" + ContainerOwner.LABEL + "\"]}");
        Map<String, String> owners = new LinkedHashMap<>();
        try (HttpResponse r = http.send("GET", "/containers/json?all=1&filters=" + filter, null, null)) {
            checked(r, "list containers")
                    .forEach(c -> owners.put(
                            c.path("Id").asText(),
                            c.path("Labels").path(ContainerOwner.LABEL).asText()));
        }
        return owners;
    }

    /** Ids of the containers (running or not) made from {@code image}. */
    public List<String> containersOf(String image) throws IOException {
        String filter = encode("{\"ancestor\":[\"" + image + "\"]}");
        List<String> ids = new ArrayList<>();
        try (HttpResponse r = http.send("GET", "/containers/json?all=1&filters=" + filter, null, null)) {
            checked(r, "list containers").forEach(c -> ids.add(c.path("Id").asText()));
        }
        return ids;
    }

    private JsonNode getJson(String path, String what) throws IOException {
        try (HttpResponse r = http.send("GET", path, null, null)) {
            return checked(r, what);
        }
    }

    private static JsonNode checked(HttpResponse r, String what) throws IOException {
        String text = r.bodyText();
        if (!r.ok()) {
            throw new EngineError(what, r.status(), message(text));
        }
        return text.isBlank() ? Json.object() : Json.read(text);
    }

    /** The engine's {"message": ...} error body, or the raw text. */
    private static String message(String body) {
        try {
            JsonNode n = Json.read(body);
            return n != null && n.has("message") ? n.get("message").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
