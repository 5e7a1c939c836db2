package io.switchboard.cx.internal.ifc;

import io.switchboard.cx.ApplicationServerMatch;
import io.switchboard.cx.IfcRequest;
import io.switchboard.cx.internal.xml.InitialFilterCriteria;
import io.switchboard.cx.internal.xml.Spt;
import io.switchboard.cx.internal.xml.TriggerPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Initial filter criteria evaluation (TS 29.228 Annex B/F, TS 23.218 §6): the application servers whose trigger
 * points a request satisfies, by ascending Priority. RequestURI, SIPHeader and SessionDescription contents are
 * regular expressions searched anywhere in the value (as Kamailio's {@code ims_isc} does with {@code regexec}); a
 * Content in double quotes, as PyHSS's examples write it, is matched without the quotes. A pattern that does not
 * compile never matches (logged once). Thread-safe.
 */
public final class IfcEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(IfcEvaluator.class);
    private static final Pattern NEVER = Pattern.compile("(?!)");
    private static final int MAX_CACHED = 4096;

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** The servers of the iFCs {@code request} matches, lowest Priority first (stable for equal priorities). */
    public List<ApplicationServerMatch> match(List<InitialFilterCriteria> ifcs, IfcRequest request) {
        List<InitialFilterCriteria> sorted = new ArrayList<>(ifcs);
        sorted.sort(Comparator.comparingInt(i -> i.priority));
        List<ApplicationServerMatch> out = new ArrayList<>();
        for (InitialFilterCriteria ifc : sorted) {
            if (ifc.applicationServer == null || !partApplies(ifc, request) || !matches(ifc.triggerPoint, request)) {
                continue;
            }
            int handling = ifc.applicationServer.defaultHandling == null ? 0 : ifc.applicationServer.defaultHandling;
            out.add(new ApplicationServerMatch(
                    ifc.applicationServer.serverName, ifc.priority, handling, ifc.applicationServer.serviceInfo));
        }
        return out;
    }

    private static boolean partApplies(InitialFilterCriteria ifc, IfcRequest request) {
        if (ifc.profilePartIndicator == null) {
            return true;
        }
        return ifc.profilePartIndicator == 0 ? request.registered() : !request.registered();
    }

    /** CNF: every group has a true SPT. DNF: some group has only true SPTs. No trigger point: always. */
    boolean matches(TriggerPoint tp, IfcRequest request) {
        if (tp == null || tp.spts.isEmpty()) {
            return tp == null;
        }
        Map<Integer, List<Boolean>> groups = new TreeMap<>();
        for (Spt spt : tp.spts) {
            boolean v = spt(spt, request);
            for (Integer g : spt.groups) {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(v);
            }
        }
        if (tp.conditionTypeCnf == 1) {
            return groups.values().stream().allMatch(g -> g.contains(Boolean.TRUE));
        }
        return groups.values().stream().anyMatch(g -> !g.contains(Boolean.FALSE));
    }

    private boolean spt(Spt spt, IfcRequest r) {
        boolean v = condition(spt, r);
        return spt.conditionNegated != null && spt.conditionNegated == 1 ? !v : v;
    }

    private boolean condition(Spt spt, IfcRequest r) {
        if (spt.method != null) {
            if (!spt.method.trim().equalsIgnoreCase(r.method())) {
                return false;
            }
            List<Integer> types = spt.extension == null ? List.of() : spt.extension.registrationTypes;
            return types.isEmpty() || !"REGISTER".equalsIgnoreCase(r.method()) || types.contains(r.registrationType());
        }
        if (spt.requestUri != null) {
            return r.requestUri() != null
                    && pattern(spt.requestUri).matcher(r.requestUri()).find();
        }
        if (spt.sipHeader != null) {
            List<String> values = header(r, spt.sipHeader.header);
            if (spt.sipHeader.content == null || spt.sipHeader.content.isEmpty()) {
                return !values.isEmpty();
            }
            Pattern p = pattern(unquote(spt.sipHeader.content));
            return values.stream().anyMatch(v -> p.matcher(v).find());
        }
        if (spt.sessionCase != null) {
            return r.sessionCase() != null && r.sessionCase().ordinal() == spt.sessionCase;
        }
        if (spt.sessionDescription != null) {
            String line = spt.sessionDescription.line.trim();
            String content = spt.sessionDescription.content;
            Pattern p = content == null || content.isEmpty() ? null : pattern(unquote(content));
            for (String l : r.sdpLines()) {
                int eq = l.indexOf('=');
                if (eq > 0 && l.substring(0, eq).trim().equalsIgnoreCase(line)) {
                    if (p == null || p.matcher(l.substring(eq + 1)).find()) {
                        return true;
                    }
                }
            }
            return false;
        }
        return false;
    }

    private static List<String> header(IfcRequest r, String name) {
        for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name.trim())) {
                return e.getValue();
            }
        }
        return List.of();
    }

    static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private Pattern pattern(String regex) {
        Pattern p = patterns.get(regex);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            LOG.warn("iFC pattern {} does not compile, it never matches: {}", regex, e.getDescription());
            p = NEVER;
        }
        if (patterns.size() < MAX_CACHED) {
            patterns.put(regex, p);
        }
        return p;
    }
}
