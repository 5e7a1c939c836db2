package io.switchboard.dialplan;

import java.util.List;

/**
 * The dial plans: rules kept in the platform's DataSource and in memory, compiled, for {@code dialplan:translate}.
 * Changes through this service (REST, shell) are in force for the next translation; {@link #reload()} picks up rows
 * changed in the database by someone else (another node, SQL).
 */
public interface DialplanService {

    /** The rules of dial plan {@code dpid} (null: of every dial plan), in the order they are tried. */
    List<DialplanRule> rules(Integer dpid);

    /**
     * Stores a new rule and puts it in force.
     *
     * @return the rule with its id
     * @throws DialplanException 400 when a regular expression does not compile or a field is out of range
     */
    DialplanRule add(DialplanRule rule) throws DialplanException;

    /** Removes rule {@code id}; 404 when there is none. */
    void remove(long id) throws DialplanException;

    /** Reads every rule from the database again; the number of rules in force. */
    int reload() throws DialplanException;

    /** The translation of {@code input} by dial plan {@code dpid}, or null when no rule matches. */
    Translation translate(int dpid, String input);
}
