package io.crossroot.rootfs;

/** Follows a build, e.g. to print progress on stderr. All methods do nothing by default. */
public interface RootfsProgress {
    RootfsProgress NONE = new RootfsProgress() {};

    /** A phase starts: "resolving", "downloading", "unpacking", "configuring", "writing". */
    default void phase(String phase, String detail) {}

    /** Package {@code done} of {@code total} is unpacked. */
    default void unpacked(int done, int total, String name) {}

    /** {@code done} of the {@code total} {@code script}s ("preinst", "postinst") have run. */
    default void scriptDone(String script, int done, int total) {}

    /** A line of maintainer-script or dpkg output from inside the root. */
    default void output(String line) {}
}
