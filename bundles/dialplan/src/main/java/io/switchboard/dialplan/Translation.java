package io.switchboard.dialplan;

/**
 * The result of a rule that matched.
 *
 * @param output the translated string
 * @param rule   the rule that matched
 */
public record Translation(String output, DialplanRule rule) {}
