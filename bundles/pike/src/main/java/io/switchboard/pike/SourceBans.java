package io.switchboard.pike;

import java.util.List;
import java.util.Map;

/**
 * The state of flood and brute-force protection, for the shell and REST ({@code pike:*}, {@code /api/security}):
 * the banned sources and the failed-authentication counters, each visible and clearable. An operator who banned
 * a legitimate PBX by mistake (a wrong password in its trunk settings) lifts the ban here without a restart.
 */
public interface SourceBans {

    /** The live bans, oldest first. */
    List<Ban> bans();

    /** Lifts the ban of one address (its failure count is cleared too); false when it was not banned. */
    boolean unban(String address);

    /** Lifts every ban; returns how many there were. */
    int clearBans();

    /** Failed authentications within the window, per source address. */
    Map<String, Integer> failuresBySource();

    /** Failed authentications within the window, per user ({@code user@domain}). */
    Map<String, Integer> failuresByUser();

    /** Forgets every failure counted; returns how many sources and users had one. */
    int clearFailures();
}
