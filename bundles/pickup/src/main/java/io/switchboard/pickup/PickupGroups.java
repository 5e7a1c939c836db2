package io.switchboard.pickup;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pickup groups (OSGi service of bundles/pickup): named sets of users (AoRs {@code user@domain}) whose ringing
 * calls the other members may take with group pickup ({@code *8}) or directed pickup ({@code *8<ext>}). Kept in the
 * store (table {@code pickup_group}) and in memory, so a pickup reads no database.
 */
public interface PickupGroups {

    /** Every group with its members, by name. */
    Map<String, List<String>> groups();

    /** The groups {@code aor} is a member of (empty when none). */
    Set<String> groupsOf(String aor);

    /** The users that share a group with {@code aor}, {@code aor} itself included. */
    Set<String> colleaguesOf(String aor);

    /**
     * Adds {@code aor} to group {@code name} (the group exists while it has members).
     *
     * @return false when it was a member already
     * @throws PickupException 400 for a name or AoR that is not valid, 503 when the store cannot be written
     */
    boolean add(String name, String aor) throws PickupException;

    /**
     * Removes {@code aor} from group {@code name}.
     *
     * @return false when it was not a member
     * @throws PickupException 503 when the store cannot be written
     */
    boolean remove(String name, String aor) throws PickupException;
}
