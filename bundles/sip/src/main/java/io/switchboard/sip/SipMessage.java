package io.switchboard.sip;

import java.util.List;
import java.util.Set;

/**
 * Read-only view of a SIP request or response, free of any SIP stack types.
 * Header names are case-insensitive; compact forms ({@code v}, {@code f}, {@code i} ...) are accepted.
 */
public interface SipMessage {

    /** Request method, or for a response the method of its CSeq. */
    String method();

    /** True for a request, false for a response. */
    boolean isRequest();

    /** Status code of a response, 0 for a request. */
    int status();

    /** Value of the first header with this name, null if there is none. */
    String header(String name);

    /** Value of the {@code index}-th (0-based) header with this name, null if there are fewer. */
    String header(String name, int index);

    /** Every value of this header, in message order (one entry per header value as the stack parsed it). */
    List<String> headers(String name);

    /** Number of values of this header (e.g. the number of Via entries). */
    int headerCount(String name);

    /** Names of the headers present, in message order. */
    Set<String> headerNames();

    /** The body; an empty array when there is none. */
    byte[] body();

    /** The whole message as text. */
    @Override
    String toString();
}
