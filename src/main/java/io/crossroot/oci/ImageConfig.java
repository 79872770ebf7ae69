package io.crossroot.oci;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a container of the image starts with: environment, command, working directory, and labels. */
public record ImageConfig(List<String> env, List<String> cmd, String workdir, Map<String, String> labels) {
    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ImageConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        labels = new TreeMap<>(labels);
    }

    public static ImageConfig defaults() {
        return new ImageConfig(List.of(), List.of("/bin/sh"), null, Map.of());
    }

    /** The environment with the usual PATH first when the user set none (docker run would add it, OCI runtimes not). */
    List<String> effectiveEnv() {
        if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
            return env;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(DEFAULT_PATH), env.stream())
                .toList();
    }
}
