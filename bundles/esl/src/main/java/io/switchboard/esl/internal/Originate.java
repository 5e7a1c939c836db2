package io.switchboard.esl.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code originate} command of REST and the shell (esl.md §5): {@code originate {origination_uuid=<uuid>,
 * name=value,...}<call url> <extension or &app(args)>}. We choose {@code origination_uuid}, so the new call's UUID is
 * known before FreeSWITCH answers. The arguments of originate are separated by spaces and the variables by commas,
 * so a space or line break anywhere is refused (it would shift the arguments or start another command), and a comma
 * inside a value is escaped as {@code \,} as FreeSWITCH expects.
 *
 * @param uuid    the new call's UUID
 * @param command the api command, without {@code api}/{@code bgapi}
 */
public record Originate(String uuid, String command) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern UUID_FORM = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public static Originate of(String callUrl, String destination, Map<String, String> variables) {
        word("callUrl", callUrl);
        word("destination", destination);
        if (callUrl.startsWith("{") || callUrl.startsWith("<") || callUrl.startsWith("[")) {
            throw new IllegalArgumentException("give channel variables as variables, not in front of callUrl");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        String uuid = variables == null ? null : variables.get("origination_uuid");
        if (uuid == null) {
            uuid = UUID.randomUUID().toString();
        } else if (!UUID_FORM.matcher(uuid).matches()) {
            throw new IllegalArgumentException("origination_uuid must be letters, digits and '-'");
        }
        vars.put("origination_uuid", uuid);
        if (variables != null) {
            for (Map.Entry<String, String> v : variables.entrySet()) {
                if (!NAME.matcher(v.getKey()).matches()) {
                    throw new IllegalArgumentException(
                            "variable name '" + v.getKey() + "' is not letters, digits, _ . -");
                }
                String value = v.getValue() == null ? "" : v.getValue();
                if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '}' || c == '{')) {
                    throw new IllegalArgumentException(
                            "the value of " + v.getKey() + " has a space, a line break or a brace");
                }
                vars.putIfAbsent(v.getKey(), value.replace(",", "\\,"));
            }
        }
        StringBuilder sb = new StringBuilder("originate {");
        vars.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        sb.setLength(sb.length() - 1);
        sb.append('}').append(callUrl).append(' ').append(destination);
        return new Originate(uuid, sb.toString());
    }

    private static void word(String what, String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    what + " must not contain spaces or line breaks: " + HeaderBlock.excerpt(s));
        }
    }
}
