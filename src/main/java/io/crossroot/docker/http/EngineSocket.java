package io.crossroot.docker.http;

import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the container engine's API listens: $DOCKER_HOST (unix:// only), else Docker's socket, else Podman's
 * system socket (its Docker-compatible API is the same HTTP API).
 */
public record EngineSocket(Path path) {
    static final List<Path> DEFAULTS = List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock"));

    public static EngineSocket locate() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            if (!host.startsWith("unix://")) {
                throw new UserError(
                        "DOCKER_HOST=" + host + " is not a unix socket; crossroot talks to the engine "
                                + "through a local unix socket only. Unset DOCKER_HOST or set it to unix:///var/run/docker.sock.");
            }
            return new EngineSocket(Path.of(host.substring("unix://".length())));
        }
        return new EngineSocket(
                DEFAULTS.stream().filter(Files::exists).findFirst().orElse(DEFAULTS.get(0)));
    }

    public UserError unreachable(Exception cause) {
        return new UserError(
                "No container engine answers on " + path + " (" + cause.getMessage() + "). Start "
                        + "Docker with 'systemctl start docker' or 'dockerd >/var/log/dockerd.log 2>&1 &' (as root), or "
                        + "Podman's API with 'podman system service --time=0 unix:///run/podman/podman.sock &'; set "
                        + "DOCKER_HOST=unix://PATH for another socket.",
                cause);
    }
}
