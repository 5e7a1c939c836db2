package io.switchboard.sip.internal;

/** Header name helpers. */
final class HeaderNames {

    private HeaderNames() {}

    /** Expands an RFC 3261 / 3265 / 3515 / 4028 compact header name to its long form; other names unchanged. */
    static String expand(String name) {
        if (name == null) {
            throw new IllegalArgumentException("header name is null");
        }
        if (name.length() != 1) {
            return name;
        }
        switch (Character.toLowerCase(name.charAt(0))) {
            case 'i':
                return "Call-ID";
            case 'm':
                return "Contact";
            case 'e':
                return "Content-Encoding";
            case 'l':
                return "Content-Length";
            case 'c':
                return "Content-Type";
            case 'f':
                return "From";
            case 's':
                return "Subject";
            case 'k':
                return "Supported";
            case 't':
                return "To";
            case 'v':
                return "Via";
            case 'o':
                return "Event";
            case 'u':
                return "Allow-Events";
            case 'r':
                return "Refer-To";
            case 'b':
                return "Referred-By";
            case 'x':
                return "Session-Expires";
            case 'a':
                return "Accept-Contact";
            case 'j':
                return "Reject-Contact";
            case 'd':
                return "Request-Disposition";
            case 'y':
                return "Identity";
            case 'n':
                return "Identity-Info";
            default:
                return name;
        }
    }
}
