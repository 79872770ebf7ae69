package io.crossroot.rpm.file;

import java.util.List;

/**
 * What unpacking one .rpm left in the root, for the rpm database step: the header and the files by kind.
 *
 * @param written     every path created, in payload order ("/usr/bin/x")
 * @param configFiles the %config files among them (see {@link RpmFileEntry#isNoReplace()} in the header)
 * @param ghosts      the %ghost files the package owns but does not create
 * @param warnings    what rpm would warn about (an owner missing from the root's /etc/passwd, owned by root instead)
 */
public record UnpackedRpm(
        RpmHeader header, List<String> written, List<String> configFiles, List<String> ghosts, List<String> warnings) {
    public UnpackedRpm {
        written = List.copyOf(written);
        configFiles = List.copyOf(configFiles);
        ghosts = List.copyOf(ghosts);
        warnings = List.copyOf(warnings);
    }
}
