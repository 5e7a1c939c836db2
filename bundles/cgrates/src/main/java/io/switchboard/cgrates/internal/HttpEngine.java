package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CGRateS engine over HTTP: {@code POST /jsonrpc} ({@code http.json_rpc_url}), one JSON-RPC object per request
 * and reply, {@code Content-Type: application/json}. Stateless, so it suits firewalls that cut idle TCP; it cannot
 * carry the requests CGRateS sends back (those need the bijson link).
 */
final class HttpEngine implements Engine {

    private static final AtomicLong IDS = new AtomicLong();

    private final URI uri;
    private final HttpClient http;

    HttpEngine(URI uri, int connectTimeoutMillis) {
        this.uri = uri;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public JsonNode send(String method, ObjectNode args, long timeoutMillis) throws IOException {
        byte[] body = JsonRpc.MAPPER.writeValueAsBytes(JsonRpc.request(IDS.incrementAndGet(), method, args));
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (resp.statusCode() != 200) {
            throw new IOException("HTTP " + resp.statusCode() + " from " + uri);
        }
        return JsonRpc.MAPPER.readTree(resp.body());
    }

    @Override
    public String address() {
        return uri.toString();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 has no close; its threads end when it is unreachable
    }
}
