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
     * Records a call that a feature answered itself before any device rang (Do-Not-Disturb): the proxy never
     * relayed it, so without this it would leave no trace. It goes to the history ended with {@code endReason}
     * (e.g. {@code dnd}), ended by the callee, and the {@code created} and {@code ended} events are sent with
     * {@code feature} as for a relayed call; it is not persisted (unanswered calls never are).
     */
    void declined(String callId, String fromUri, String fromTag, String toUri, String endReason, String feature);

    /**
     * Notes why a call went where it went (a call feature's decision: {@code cfa}, {@code cfb}, {@code cfna}, ...)
     * so that billing and the event bus see it: on the live dialog of {@code callId}, or, when the proxy has not
     * relayed the call yet (call forwarding always decides before), on the dialog its next relay creates. The
     * events of the dialog carry it (header {@code DialogFeature}); a later decision replaces it.
     */
    void feature(String callId, String decision);

    /**
     * Ends an answered dialog from here: a BYE to each side, built from the dialog (tags, CSeq, route set).
     *
     * @return false when there is no such answered live dialog
     */
    boolean end(String callId);
}
