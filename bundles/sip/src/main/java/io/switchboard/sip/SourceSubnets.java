package io.switchboard.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of source addresses and subnets from a setting, written once for every bundle that trusts or exempts
 * sources by address: pike's {@code exempt_sources} (never limited or banned) and the subscription layer's
 * {@code trusted_sources} (SUBSCRIBEs not challenged, as Kamailio's permissions {@code allow_trusted}). Literal
 * addresses and subnets only ({@code 192.0.2.10}, {@code 10.1.0.0/16}, {@code 2001:db8::/32}): a name would be
 * resolved once and then trusted whatever it resolves to later.
 */
public final class SourceSubnets {

    /** Comma-separated IPv4/IPv6 addresses, each with an optional {@code /prefix}; empty: none. */
    public static final String PATTERN =
            "\\s*|\\s*[0-9A-Fa-f.:]+(/[0-9]{1,3})?(\\s*,\\s*[0-9A-Fa-f.:]+(/[0-9]{1,3})?)*\\s*";

    public static final SourceSubnets NONE = new SourceSubnets(List.of(), "");

    private record Subnet(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Subnet> subnets;
    private final String text;

    private SourceSubnets(List<Subnet> subnets, String text) {
        this.subnets = List.copyOf(subnets);
        this.text = text;
    }

    /**
     * The list of the setting.
     *
     * @throws IllegalArgumentException for an entry that is not a literal address or has a prefix too long for it
     */
    public static SourceSubnets parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Subnet> out = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.trim();
            int slash = e.indexOf('/');
            byte[] address = literal(slash < 0 ? e : e.substring(0, slash));
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(e.substring(slash + 1));
            if (prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix /" + prefix + " too long for " + e);
            }
            out.add(new Subnet(address, prefix));
        }
        return new SourceSubnets(out, list.trim());
    }

    /** True when the address (a literal, as the sip component gives it) is in one of the subnets. */
    public boolean contains(String address) {
        if (subnets.isEmpty() || address == null) {
            return false;
        }
        byte[] a;
        try {
            a = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Subnet s : subnets) {
            if (s.contains(a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return subnets.isEmpty();
    }

    /** An IPv4 or IPv6 literal's bytes, without any name lookup. */
    private static byte[] literal(String s) {
        String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = v.indexOf(':') >= 0 && v.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + s);
        }
        try {
            return InetAddress.getByName(v).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + s, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSubnets t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
