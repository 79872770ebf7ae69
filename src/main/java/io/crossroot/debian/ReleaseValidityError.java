package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.time.Instant;

/** A Release outside its validity window: expired (or a replay of an old one), or dated in the future. */
public final class ReleaseValidityError extends UserError {
    private ReleaseValidityError(String message) {
        super(message);
    }

    static ReleaseValidityError expired(String source, Instant validUntil, Instant now) {
        return new ReleaseValidityError("The Release file " + source + " expired on " + validUntil + " (now "
                + now + "). Debian re-signs it regularly, so an expired one means the mirror is stale, is a "
                + "snapshot, or someone replays an old file. Use an up-to-date mirror, or, if this mirror is "
                + "a snapshot you trust, enable the snapshot option (--snapshot) to skip the expiry check.");
    }

    static ReleaseValidityError future(String source, Instant date, Instant now) {
        return new ReleaseValidityError("The Release file " + source + " is dated " + date + ", after this "
                + "machine's clock (" + now + "). Fix the system clock (e.g. enable NTP), or enable the snapshot "
                + "option (--snapshot) to skip the date checks.");
    }
}
