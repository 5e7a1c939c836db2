package io.switchboard.sca;

import io.switchboard.subscription.Subscription;
import java.util.List;

/**
 * Shared Call Appearances: the operations of Kamailio's sca RPC commands. Every change NOTIFYs the call-info
 * subscribers of the line exactly as the SIP path does.
 */
public interface ScaService {

    /** Event package names. */
    String CALL_INFO = "call-info";

    String LINE_SEIZE = "line-seize";

    /** Every active call-info and line-seize subscription. */
    List<Subscription> subscriptions();

    /** Every appearance that is not idle, ordered by line and index. */
    List<Appearance> appearances();

    /** The non-idle appearances of one line. */
    List<Appearance> appearances(String aor);

    /**
     * Seizes the lowest free appearance of {@code aor} for device {@code contact}; 409 when none is free (past
     * max_appearances), which REST answers as is and the shell prints as {@code Error 409}. A phone's line-seize
     * SUBSCRIBE refused the same way gets 480 with Retry-After: 1 instead (the SIP path, not this operation).
     */
    Appearance seize(String aor, String contact) throws ScaException;

    /**
     * Sets the state (and display URI, may be null) of an appearance; seizes it when idle, 409 when that index is past
     * max_appearances.
     */
    Appearance update(String aor, int index, AppearanceState state, String display) throws ScaException;

    /** Releases an appearance (idle); 404 when it is idle already. */
    void release(String aor, int index) throws ScaException;

    /** Ends a subscription with {@code terminated;reason=deactivated}; false when no such subscription. */
    boolean deactivate(String subscriptionId);

    /**
     * The members of a shared line ({@code user@domain}, sorted): the subscribers who may watch its call-info and
     * seize its appearances (besides the line's own AoR). 400 for a bad AoR, 503 without database.
     */
    List<String> members(String line) throws ScaException;

    /** Makes {@code member} a member of {@code line}; false when it was one already. 400 for a bad AoR. */
    boolean addMember(String line, String member) throws ScaException;

    /**
     * Takes {@code member} off {@code line}; false when it was none. Its subscriptions stay until they end (a new
     * SUBSCRIBE is refused).
     */
    boolean removeMember(String line, String member) throws ScaException;
}
