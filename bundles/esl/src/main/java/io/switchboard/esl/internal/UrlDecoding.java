package io.switchboard.esl.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * FreeSWITCH's URL decoding of header values ({@code switch_url_decode}): {@code %XX} is the byte XX, anything else
 * is itself. Unlike {@link java.net.URLDecoder} a {@code +} stays a plus (FreeSWITCH encodes a space as {@code %20}
 * and a plus as {@code %2B}), and a {@code %} not followed by two hex digits stays as it is rather than failing the
 * whole message.
 */
final class UrlDecoding {

    private UrlDecoding() {}

    static String decode(String s) {
        int i = s.indexOf('%');
        if (i < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int k = 0; k < in.length; k++) {
            byte b = in[k];
            if (b == '%' && k + 2 < in.length && hex(in[k + 1]) >= 0 && hex(in[k + 2]) >= 0) {
                out.write(hex(in[k + 1]) * 16 + hex(in[k + 2]));
                k += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
