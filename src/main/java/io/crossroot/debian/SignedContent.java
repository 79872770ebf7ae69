package io.crossroot.debian;

import java.util.List;

/**
 * Text whose signature was verified: exactly the signed bytes (dash-unescaped, trailing blanks removed, lines
 * ending in '\n'), and the trusted keys that signed it (at least one).
 */
public record SignedContent(String text, List<Signer> signers) {
    public SignedContent {
        signers = List.copyOf(signers);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("signed content needs at least one signer");
        }
    }
}
