package io.switchboard.sip.test;

import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link SipServerExchange} for the unit tests of every bundle (the sip bundle's test-jar): it records the
 * responses sent through it and, as the real one, refuses anything after a final response.
 */
public final class FakeSipServerExchange implements SipServerExchange {

    /** One response sent: headers never null, body as given. */
    public record Response(
            int status, String reason, Map<String, List<String>> headers, String contentType, byte[] body) {}

    private final SipMessage request;
    private final String localTag;
    private final List<Response> responses = new CopyOnWriteArrayList<>();

    /** The server side of {@code request} (may be null when the code under test never reads it). */
    public FakeSipServerExchange(SipMessage request, String localTag) {
        this.request = request;
        this.localTag = localTag;
    }

    /** Every response sent, provisional ones included, in order. */
    public List<Response> responses() {
        return List.copyOf(responses);
    }

    /** The last response sent; null before the first. */
    public Response last() {
        return responses.isEmpty() ? null : responses.get(responses.size() - 1);
    }

    /** The status of the last response sent, 0 before the first. */
    public int status() {
        Response r = last();
        return r == null ? 0 : r.status();
    }

    @Override
    public SipMessage request() {
        return request;
    }

    @Override
    public synchronized void respond(
            int status, String reason, Map<String, List<String>> headers, String contentType, byte[] body) {
        if (finalResponseSent()) {
            throw new IllegalStateException("final response already sent");
        }
        responses.add(new Response(status, reason, headers == null ? Map.of() : headers, contentType, body));
    }

    @Override
    public boolean finalResponseSent() {
        return status() >= 200;
    }

    @Override
    public String localTag() {
        return localTag;
    }
}
