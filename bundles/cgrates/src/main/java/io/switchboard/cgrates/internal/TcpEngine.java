package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CGRateS engine over TCP ({@code listen.rpc_json}, or {@code listen.bijson} with a request handler): a pool of
 * {@code size} connections used in turn, each opened when first needed and opened again after it broke. Why a pool:
 * one connection already carries many requests at once, but CGRateS serves one connection's requests in one
 * goroutine per request read, and a few sockets spread the reading and writing over cores at both ends.
 */
final class TcpEngine implements Engine {

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final RpcConnection.RequestHandler handler;
    private final RpcConnection[] slots;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    TcpEngine(String host, int port, int size, int connectTimeoutMillis, RpcConnection.RequestHandler handler) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.handler = handler;
        this.slots = new RpcConnection[size];
    }

    @Override
    public JsonNode send(String method, ObjectNode args, long timeoutMillis) throws IOException {
        return connection(Math.floorMod(next.getAndIncrement(), slots.length)).call(method, args, timeoutMillis);
    }

    /** Opens every connection that is not open (the bijson link keeps its one connection up this way). */
    void connect() throws IOException {
        for (int i = 0; i < slots.length; i++) {
            connection(i);
        }
    }

    /** True when at least one connection is open. */
    boolean connected() {
        synchronized (slots) {
            for (RpcConnection c : slots) {
                if (c != null && c.isOpen()) {
                    return true;
                }
            }
        }
        return false;
    }

    private RpcConnection connection(int i) throws IOException {
        synchronized (slots) {
            if (closed) {
                throw new IOException("engine " + address() + " closed");
            }
            RpcConnection c = slots[i];
            if (c == null || !c.isOpen()) {
                c = RpcConnection.open(host, port, connectTimeoutMillis, handler);
                slots[i] = c;
            }
            return c;
        }
    }

    @Override
    public String address() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        synchronized (slots) {
            closed = true;
            for (RpcConnection c : slots) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
