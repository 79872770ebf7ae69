package io.crossroot.docker;

import java.util.List;

/** A container to create: the image and the command (empty: the image's own). */
public record ContainerSpec(String image, List<String> cmd, List<String> env) {
    public ContainerSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }
}
