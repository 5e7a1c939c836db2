package io.switchboard.cx;

import java.util.List;
import java.util.Map;

/**
 * What iFC evaluation looks at in a SIP request: method, Request-URI, headers (name → values; names compared
 * without case), the session case, the SDP lines of the body ({@code m=audio 4000 RTP/AVP 0}), and for a REGISTER
 * the registration type (0 initial, 1 re-, 2 de-registration; null otherwise). {@code registered} picks the iFCs of
 * the registered or the unregistered part of the profile (ProfilePartIndicator).
 */
public record IfcRequest(
        String method,
        String requestUri,
        Map<String, List<String>> headers,
        SessionCase sessionCase,
        List<String> sdpLines,
        Integer registrationType,
        boolean registered) {

    public IfcRequest {
        headers = Map.copyOf(headers);
        sdpLines = List.copyOf(sdpLines);
    }
}
