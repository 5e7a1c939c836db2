package io.switchboard.cx.internal;

import io.switchboard.cx.Milenage;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Scscf;
import io.switchboard.cx.ServiceProfile;
import io.switchboard.xml.XmlException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Provisioning input (REST bodies, shell options) checked before it reaches the store, shared by both so that they
 * accept the same things: anything wrong is an {@link IllegalArgumentException} whose message is the reason.
 */
public final class ImsInput {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");
    private static final Pattern IMPU = Pattern.compile("(?i)(sip|sips):[^\\s@]+@[^\\s@]+|(?i)(sip|sips):[^\\s@]+"
            + "|(?i)tel:\\+?[0-9a-fA-F*#().\\-]+(;[^\\s]*)?");
    private static final Pattern IMPI = Pattern.compile("[^\\s@]+@[^\\s@]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final int MAX = 255;

    private ImsInput() {}

    public static String impi(String v) {
        String s = text(v, "private identity");
        if (!IMPI.matcher(s).matches()) {
            throw new IllegalArgumentException("a private identity is user@realm (TS 23.003 NAI), got " + s);
        }
        return s;
    }

    public static String impu(String v) {
        String s = text(v, "public identity");
        if (!IMPU.matcher(s).matches()) {
            throw new IllegalArgumentException("a public identity is a sip:, sips: or tel: URI, got " + s);
        }
        return s;
    }

    public static String profileName(String v) {
        String s = text(v, "profile name");
        if (!NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("a profile name is 1-64 letters, digits, '_', '.', '-', got " + s);
        }
        return s;
    }

    public static String scscfName(String v) {
        String s = text(v, "S-CSCF name");
        if (!s.toLowerCase(Locale.ROOT).startsWith("sip:")
                && !s.toLowerCase(Locale.ROOT).startsWith("sips:")) {
            throw new IllegalArgumentException("an S-CSCF name is its SIP URI, got " + s);
        }
        return s;
    }

    /**
     * A private identity; {@code op} (instead of {@code opc}) is turned into OPc with K. Needs a password, an HA1 or
     * K with OPc/OP; SQN 0..2^48-1.
     */
    public static PrivateIdentity privateIdentity(
            String impi,
            String realm,
            String password,
            String ha1,
            String k,
            String opc,
            String op,
            String amf,
            Long sqn,
            boolean roaming) {
        String id = impi(impi);
        String r = realm == null || realm.isBlank() ? id.substring(id.indexOf('@') + 1) : text(realm, "realm");
        if (password != null) {
            for (char c : password.toCharArray()) {
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException("password has control characters");
                }
            }
            if (password.isEmpty() || password.length() > 128) {
                throw new IllegalArgumentException("password is 1-128 characters");
            }
        }
        String h = hex(ha1, 32, "ha1");
        String kk = hex(k, 32, "k");
        String c = hex(opc, 32, "opc");
        String o = hex(op, 32, "op");
        String a = hex(amf, 4, "amf");
        if (c != null && o != null) {
            throw new IllegalArgumentException("give opc or op, not both");
        }
        if (kk == null && (c != null || o != null || a != null)) {
            throw new IllegalArgumentException("opc, op and amf need k");
        }
        if (kk != null && c == null && o == null) {
            throw new IllegalArgumentException("k needs opc (or op)");
        }
        if (o != null) {
            HexFormat x = HexFormat.of();
            c = x.formatHex(Milenage.opc(x.parseHex(kk), x.parseHex(o)));
        }
        if (password == null && h == null && kk == null) {
            throw new IllegalArgumentException("a private identity needs a password, an ha1 or k with opc");
        }
        long s = sqn == null ? 0 : sqn;
        if (s < 0 || s > AkaVectors.SQN_MASK) {
            throw new IllegalArgumentException("sqn is 0.." + AkaVectors.SQN_MASK + ", got " + s);
        }
        return new PrivateIdentity(id, r, password, h, kk, c, a, s, roaming);
    }

    public static PublicIdentity publicIdentity(
            String impu, boolean barred, String implicitSet, String profile, int identityType) {
        if (identityType < 0 || identityType > 1) {
            throw new IllegalArgumentException("identityType is 0 (public user identity) or 1 (distinct PSI)");
        }
        String irs = implicitSet == null || implicitSet.isBlank() ? null : profileName(implicitSet);
        return new PublicIdentity(impu(impu), barred, irs, profileName(profile), identityType);
    }

    /** A profile whose XML is a valid stored {@code <ServiceProfile>} (the reason of an XSD failure otherwise). */
    public static ServiceProfile serviceProfile(
            String name, String xml, List<Integer> mandatory, List<Integer> optional) {
        String n = profileName(name);
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("a service profile needs its <ServiceProfile> XML");
        }
        try {
            CxXml.profile(xml);
        } catch (XmlException e) {
            throw new IllegalArgumentException("not a valid <ServiceProfile> (TS 29.228 Annex E): " + e.getMessage());
        }
        return new ServiceProfile(n, xml, capabilities(mandatory), capabilities(optional));
    }

    public static Scscf scscf(String name, String diameterHost, List<Integer> capabilities, int priority) {
        String host = diameterHost == null || diameterHost.isBlank() ? null : text(diameterHost, "diameterHost");
        return new Scscf(scscfName(name), host, capabilities(capabilities), priority);
    }

    /** A JSON array of non-negative integers (null: none). */
    public static List<Integer> capabilities(Object v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("capabilities are an array of numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n)
                    || n.longValue() < 0
                    || n.longValue() > Integer.MAX_VALUE
                    || n.doubleValue() != n.longValue()) {
                throw new IllegalArgumentException(
                        "a capability is a whole number 0.." + Integer.MAX_VALUE + ", got " + o);
            }
            out.add(n.intValue());
        }
        return out;
    }

    /** A string field of a JSON object; null when absent, an error when not a string. */
    public static String string(Map<?, ?> json, String key) {
        Object v = json.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return s;
    }

    public static boolean flag(Map<?, ?> json, String key) {
        Object v = json.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false");
        }
        return b;
    }

    public static Long number(Map<?, ?> json, String key) {
        Object v = json.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a whole number");
        }
        return n.longValue();
    }

    private static String hex(String v, int length, String what) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        if (s.length() != length || !HEX.matcher(s).matches()) {
            throw new IllegalArgumentException(what + " is " + length + " hex digits");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String text(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        String s = v.trim();
        if (s.length() > MAX) {
            throw new IllegalArgumentException(what + " is longer than " + MAX + " characters");
        }
        return s;
    }
}
