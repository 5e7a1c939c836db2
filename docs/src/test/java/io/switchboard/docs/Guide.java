package io.switchboard.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundle's admin guide as the check reads it: its {@code ##} section titles and its code (inline code spans, which
 * may wrap a line as in Markdown, and the lines of fenced blocks). A name counts as documented only where the guide
 * shows it as code, the way an administrator types it; a header name anywhere in code, a key, option or command at
 * the start of a code span (or of a line of a fenced block, as in a {@code .cfg} example), so that {@code timeout}
 * is not found inside {@code route_timeout}.
 */
final class Guide {

    /** The sections of a Kamailio module's documentation, in this order. */
    static final List<String> SECTIONS = List.of(
            "Overview", "Dependencies", "Settings", "Endpoints and headers", "Shell and REST", "Events", "Limits");

    private static final Pattern SECTION = Pattern.compile("^## (?:\\d+\\.\\s+)?(.+?)\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final String NAME_CHARS = "[A-Za-z0-9_.$-]";

    private final List<String> sections = new ArrayList<>();
    /** Inline code spans and fenced block lines, trimmed. */
    private final List<String> code = new ArrayList<>();

    Guide(String markdown) {
        boolean fenced = false;
        StringBuilder prose = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                prose.append('\n');
                continue;
            }
            if (fenced) {
                code.add(line.strip());
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                sections.add(s.group(1));
            }
            prose.append(line).append('\n');
        }
        Matcher c = INLINE_CODE.matcher(prose);
        while (c.find()) {
            code.add(c.group(1).replace('\n', ' ').strip());
        }
    }

    /** The sections of {@link #SECTIONS} the guide lacks, or has out of order. */
    List<String> missingSections() {
        List<String> missing = new ArrayList<>();
        int last = -1;
        for (String wanted : SECTIONS) {
            int at = sections.indexOf(wanted);
            if (at <= last) {
                missing.add(at < 0 ? "section `## " + wanted + "`" : "section `## " + wanted + "` in its place");
            } else {
                last = at;
            }
        }
        return missing;
    }

    /** Whether the guide shows this name as code, the way its kind must be shown. */
    boolean documents(DocumentedName n) {
        String quoted = Pattern.quote(n.name());
        Pattern p = n.kind() == DocumentedName.Kind.HEADER
                ? Pattern.compile("(?<!" + NAME_CHARS + ")" + quoted + "(?![A-Za-z0-9_])")
                : Pattern.compile("^" + quoted + "(?!" + NAME_CHARS + ")");
        for (String c : code) {
            if (p.matcher(c).find()) {
                return true;
            }
        }
        return false;
    }
}
