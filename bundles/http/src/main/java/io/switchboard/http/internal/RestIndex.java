package io.switchboard.http.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/** The REST operations in service (method and path template): the {@code Allow} of a 405 and {@code GET /api}. */
final class RestIndex {

    /** One operation, e.g. GET /api/calls/{callId}. */
    record Operation(String method, String path, String description) {}

    private final List<Operation> operations = new CopyOnWriteArrayList<>();

    /** The operations of a contributor's rest definitions. */
    static List<Operation> operationsOf(List<RestDefinition> rests) {
        List<Operation> ops = new ArrayList<>();
        for (RestDefinition rest : rests) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(base, verb.getPath());
                ops.add(new Operation(verb.asVerb().toUpperCase(Locale.ROOT), path, verb.getDescriptionText()));
            }
        }
        return ops;
    }

    void add(List<Operation> ops) {
        operations.addAll(ops);
    }

    void remove(List<Operation> ops) {
        operations.removeAll(ops);
    }

    /** Every operation, sorted by path then method. */
    List<Operation> operations() {
        List<Operation> all = new ArrayList<>(operations);
        all.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        return all;
    }

    /** The methods that have an operation on this request path. */
    Set<String> allowed(String requestPath) {
        Set<String> methods = new LinkedHashSet<>();
        for (Operation op : operations()) {
            if (matches(op.path(), requestPath)) {
                methods.add(op.method());
            }
        }
        return methods;
    }

    /** True when the request path fits the template ({@code {name}} is one non-empty segment). */
    static boolean matches(String template, String requestPath) {
        String[] t = segments(template);
        String[] p = segments(pathOf(requestPath));
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            boolean placeholder = t[i].startsWith("{") && t[i].endsWith("}");
            if (placeholder ? p[i].isEmpty() : !t[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    /** The path of a request URI: no scheme/host, no query, no trailing slash. */
    static String pathOf(String uri) {
        String p = uri == null ? "" : uri;
        int scheme = p.indexOf("://");
        if (scheme >= 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String join(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (path == null || path.isEmpty()) {
            return b.isEmpty() ? "/" : b;
        }
        String result = b + (path.startsWith("/") ? path : "/" + path);
        return result.startsWith("/") ? result : "/" + result;
    }
}
