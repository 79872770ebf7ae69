package io.crossroot.oci;

import io.crossroot.arch.Arch;
import io.crossroot.util.UserError;

/** A repository:tag name, e.g. "demo:1.0" or "localhost:5000/team/demo" (tag latest). */
public record ImageReference(String repository, String tag) {
    private static final String REPOSITORY =
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*";
    private static final String HOST = "(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?";
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";

    public static ImageReference parse(String ref) {
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        ImageReference r = colon > slash
                ? new ImageReference(ref.substring(0, colon), ref.substring(colon + 1))
                : new ImageReference(ref, "latest");
        if (!r.repository.matches(HOST + REPOSITORY) || !r.tag.matches(TAG)) {
            throw new UserError("'" + ref + "' is not a valid image name: use NAME[:TAG] with a lower-case name "
                    + "(letters, digits, '.', '_', '-', '/') and a tag of up to 128 letters, digits, '.', '_', '-', "
                    + "e.g. 'demo:1.0'.");
        }
        return r;
    }

    /**
     * The name an engine without multi-platform storage (Docker's classic image store) gets for one architecture
     * of a multi-architecture image: the tag with the Debian architecture appended, e.g. demo:1.0-arm64.
     */
    public ImageReference forArch(Arch arch) {
        return new ImageReference(repository, tag + "-" + arch.debian());
    }

    @Override
    public String toString() {
        return repository + ":" + tag;
    }
}
