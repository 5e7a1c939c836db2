package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * CGRateS's {@code http.json_rpc_url} ({@code POST /jsonrpc}) in front of a {@link CgratesDouble}: the same methods,
 * answered by the double. Kept apart from the double because {@code com.sun.net.httpserver} cannot be imported by
 * the Karaf probe bundle that carries the double into the integration tests; only {@code JsonRpcClientTest} needs
 * HTTP.
 */
final class CgratesHttpListener implements AutoCloseable {

    private final HttpServer http;

    private CgratesHttpListener(HttpServer http) {
        this.http = http;
    }

    /** Listens on a free loopback port and answers every request with {@code cgr}'s answer. */
    static CgratesHttpListener start(CgratesDouble cgr) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/jsonrpc", ex -> {
            byte[] out;
            try (InputStream in = ex.getRequestBody()) {
                JsonNode req = CgratesDouble.MAPPER.readTree(in);
                out = CgratesDouble.MAPPER.writeValueAsBytes(cgr.answer(req));
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        });
        http.start();
        return new CgratesHttpListener(http);
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
