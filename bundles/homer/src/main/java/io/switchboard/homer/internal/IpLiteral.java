package io.switchboard.homer.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP literals in one canonical text form, so that {@code 2001:DB8::1} in the inventory and {@code 2001:db8:0:0:0:0:0:1}
 * on Homer are the same alias. Never resolves a name: only text that already is an address is accepted.
 */
final class IpLiteral {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {}

    /** The canonical form of an IPv4 or IPv6 literal, or null when {@code text} is not one. */
    static String canonical(String text) {
        if (text == null) {
            return null;
        }
        var m = V4.matcher(text);
        if (m.matches()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(m.group(i));
                if (octet > 255) {
                    return null;
                }
                b.append(i > 1 ? "." : "").append(octet);
            }
            return b.toString();
        }
        if (text.indexOf(':') < 0 || !V6.matcher(text).matches()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            return a instanceof Inet6Address ? a.getHostAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The widest mask of the address family of a canonical literal: 32 or 128. */
    static int hostMask(String canonical) {
        return canonical.indexOf(':') >= 0 ? 128 : 32;
    }
}
