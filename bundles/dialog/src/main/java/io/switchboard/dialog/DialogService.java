package io.switchboard.dialog;

import java.util.List;
import java.util.Optional;

/** The INVITE dialogs relayed by the proxy (OSGi service of bundles/dialog). */
public interface DialogService {

    /** Live dialogs (not ended), oldest first. */
    List<DialogInfo> live();

    /** The most recently ended dialogs (at most 100), newest last. */
    List<DialogInfo> recentlyEnded();

    /** A live dialog by Call-ID. */
    Optional<DialogInfo> find(String callId);

    /** True when a request with this Call-ID and tags (in either direction) belongs to a live dialog. */
    boolean isKnown(String callId, String fromTag, String toTag);

    /** Adds a live dialog to a profile; false when there is no such live dialog. */
    boolean addToProfile(String callId, String profile);

    /** Number of live dialogs in a profile. */
    int profileSize(String profile);

    /**
     * Ends an answered dialog from here: a BYE to each side, built from the dialog (tags, CSeq, route set).
     *
     * @return false when there is no such answered live dialog
     */
    boolean end(String callId);
}
