package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a CGRateS JSON-RPC listener. The stream has no framing (no length, no newline): the reader
 * parses it one JSON object after the other. Requests from many threads share it: each waits for the reply with its
 * id. On the two-way listener (bijson) CGRateS also sends requests on it; those (they carry a {@code method}) go to
 * the {@link RequestHandler} and its answer is written back with CGRateS's id.
 */
final class RpcConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcConnection.class);

    /** Answers a request CGRateS sent: a result, or an error string by {@link RequestHandler.Error}. */
    interface RequestHandler {
        JsonNode handle(String method, JsonNode args) throws Error;

        /** An error answer (the plain string of the envelope). */
        final class Error extends Exception {
            private static final long serialVersionUID = 1L;

            Error(String message) {
                super(message, null, false, false);
            }
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    private final Socket socket;
    private final OutputStream out;
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final RequestHandler handler;
    private final String address;
    private volatile boolean closed;

    private RpcConnection(Socket socket, RequestHandler handler, String address) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.handler = handler;
        this.address = address;
    }

    /** Connects and starts the reader thread; {@code handler} null: requests from CGRateS get an error answer. */
    static RpcConnection open(String host, int port, int connectTimeoutMillis, RequestHandler handler)
            throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            RpcConnection c = new RpcConnection(s, handler, host + ":" + port);
            Thread t = new Thread(c::readLoop, "cgrates-rpc-" + host + ":" + port);
            t.setDaemon(true);
            t.start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    boolean isOpen() {
        return !closed;
    }

    String address() {
        return address;
    }

    /** Sends a request and waits for its reply envelope. */
    JsonNode call(String method, ObjectNode args, long timeoutMillis) throws IOException {
        long id = IDS.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        try {
            write(JsonRpc.request(id, method, args));
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + address + " within " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new IOException(
                    "connection to " + address + " lost: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            waiting.remove(id);
        }
    }

    private void write(JsonNode message) throws IOException {
        if (closed) {
            throw new IOException("connection to " + address + " closed");
        }
        byte[] bytes = JsonRpc.MAPPER.writeValueAsBytes(message);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    private void readLoop() {
        IOException cause = null;
        try (InputStream in = socket.getInputStream();
                JsonParser p = JsonRpc.MAPPER.getFactory().createParser(in)) {
            while (!closed) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    break; // peer closed
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object on the stream from " + address + ": " + t);
                }
                dispatch(JsonRpc.MAPPER.readTree(p));
            }
        } catch (IOException e) {
            cause = e;
        } finally {
            IOException failure = cause != null ? cause : new IOException("closed by " + address);
            if (!closed && cause != null) {
                LOG.debug("CGRateS connection {} failed", address, cause);
            }
            close();
            waiting.values().forEach(f -> f.completeExceptionally(failure));
        }
    }

    private void dispatch(JsonNode message) throws IOException {
        if (JsonRpc.isRequest(message)) {
            String method = message.get("method").asText();
            JsonNode params = message.get("params");
            JsonNode args = params != null && params.isArray() && !params.isEmpty() ? params.get(0) : params;
            JsonNode answer;
            try {
                if (handler == null) {
                    throw new RequestHandler.Error("UNSUPPORTED_SERVICE_METHOD");
                }
                answer = JsonRpc.reply(message.get("id"), handler.handle(method, args), null);
            } catch (RequestHandler.Error e) {
                answer = JsonRpc.reply(message.get("id"), null, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("CGRateS request {} from {} failed", method, address, e);
                answer = JsonRpc.reply(message.get("id"), null, "SERVER_ERROR: " + e.getMessage());
            }
            write(answer);
            return;
        }
        JsonNode id = message.get("id");
        CompletableFuture<JsonNode> f = id == null ? null : waiting.get(id.asLong());
        if (f != null) {
            f.complete(message);
        } else {
            LOG.debug("reply from {} for no waiting request: {}", address, message);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("close {}", address, e);
        }
    }
}
