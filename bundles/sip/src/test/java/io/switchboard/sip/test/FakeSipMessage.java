package io.switchboard.sip.test;

import io.switchboard.sip.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SipMessage} built by hand for the unit tests of every bundle (the sip bundle's test-jar): a request of a
 * method, headers added one value at a time (names case-insensitive, as the real one), and a body. Compact header
 * forms are not expanded: tests use the long names.
 */
public final class FakeSipMessage implements SipMessage {

    private final String method;
    private final int status;
    /** Lower-case name to values; {@link #names} keeps the first spelling of each, in order. */
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    private final Map<String, String> names = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private FakeSipMessage(String method, int status) {
        this.method = method;
        this.status = status;
    }

    /** A request of this method, without headers or body. */
    public static FakeSipMessage request(String method) {
        return new FakeSipMessage(method, 0);
    }

    /** A response of this status to a request of this method. */
    public static FakeSipMessage response(int status, String method) {
        return new FakeSipMessage(method, status);
    }

    /** Adds one value of a header (after the values it already has). */
    public FakeSipMessage add(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        names.putIfAbsent(key, name);
        headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Adds every value of every header of the map, in its order. */
    public FakeSipMessage addAll(Map<String, ? extends List<String>> values) {
        values.forEach((name, list) -> list.forEach(v -> add(name, v)));
        return this;
    }

    /** The body as UTF-8 text; null for none. */
    public FakeSipMessage body(String text) {
        body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The body; null for none. */
    public FakeSipMessage body(byte[] bytes) {
        body = bytes == null ? new byte[0] : bytes.clone();
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public boolean isRequest() {
        return status == 0;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String header(String name) {
        return header(name, 0);
    }

    @Override
    public String header(String name, int index) {
        List<String> l = headers(name);
        return index < l.size() ? l.get(index) : null;
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    @Override
    public int headerCount(String name) {
        return headers(name).size();
    }

    @Override
    public Set<String> headerNames() {
        return new LinkedHashSet<>(names.values());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isRequest() ? method + " sip:fake SIP/2.0" : "SIP/2.0 " + status);
        headers.forEach((key, values) -> values.forEach(
                v -> sb.append("\r\n").append(names.get(key)).append(": ").append(v)));
        return sb.append("\r\n\r\n")
                .append(new String(body, StandardCharsets.UTF_8))
                .toString();
    }
}
