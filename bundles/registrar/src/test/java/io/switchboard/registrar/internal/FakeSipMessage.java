package io.switchboard.registrar.internal;

import io.switchboard.sip.SipMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request built by hand: header name to values. */
class FakeSipMessage implements SipMessage {

    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final String method;

    FakeSipMessage(String method) {
        this.method = method;
    }

    FakeSipMessage add(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(), k -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public String header(String name) {
        List<String> l = headers(name);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public String header(String name, int index) {
        List<String> l = headers(name);
        return index < l.size() ? l.get(index) : null;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(), List.of());
    }

    @Override
    public int headerCount(String name) {
        return headers(name).size();
    }

    @Override
    public Set<String> headerNames() {
        return new LinkedHashSet<>(headers.keySet());
    }

    @Override
    public byte[] body() {
        return new byte[0];
    }
}
