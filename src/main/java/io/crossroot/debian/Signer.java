package io.crossroot.debian;

import java.time.Instant;

/**
 * A key whose good signature was accepted.
 *
 * @param fingerprint        the key (often a subkey) that made the signature
 * @param primaryFingerprint its primary key, as listed in the keyring
 * @param userId             the primary key's first user id, e.g. "Debian Archive Automatic Signing Key (13/trixie)"
 * @param created            when the signature was made
 */
public record Signer(String fingerprint, String primaryFingerprint, String userId, Instant created) {}
