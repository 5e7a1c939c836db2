package io.switchboard.store;

/**
 * What {@link SubscriberListener}s are told when a subscriber was removed: who, and what the operator asked for
 * the subscriber's live calls.
 *
 * @param username the user part, as stored
 * @param domain   the domain, lower case
 * @param endCalls true: the subscriber's answered calls are ended too (a BYE to both sides); false: they go on
 */
public record SubscriberRemoval(String username, String domain, boolean endCalls) {

    /** {@code username@domain}: the AoR the registrar, the subscription layer and the dialogs key on. */
    public String aor() {
        return username + "@" + domain;
    }
}
