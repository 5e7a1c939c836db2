package io.switchboard.homer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.homer.HomerAlias;
import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The homer-app REST API calls the sync needs ({@code /api/v3/auth}, {@code /api/v3/alias}), on the JDK's HTTP
 * client. It logs in on first use and keeps the JWT for later syncs; a 401 means the token expired or Homer was
 * restarted with another secret, so it logs in again and repeats the request once. Any 2xx is success (homer-app
 * answers 201 even to GET and DELETE). Every failure becomes a {@link HomerException} saying which call, which
 * status and what Homer said.
 */
final class HomerApi {

    private final String base;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final HttpClient http;
    private String token;
    private int logins;

    HomerApi(String apiUrl, String user, String password, Duration timeout) {
        this.base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** How many times this client logged in (the first time, then once per renewal). */
    synchronized int logins() {
        return logins;
    }

    synchronized List<StoredAlias> list() {
        return AliasCodec.stored(call("GET", "/api/v3/alias", null));
    }

    synchronized void create(HomerAlias a) {
        call("POST", "/api/v3/alias", AliasCodec.body(a, null));
    }

    synchronized void update(String guid, HomerAlias a) {
        call("PUT", "/api/v3/alias/" + path(guid), AliasCodec.body(a, guid));
    }

    synchronized void delete(String guid) {
        call("DELETE", "/api/v3/alias/" + path(guid), null);
    }

    private String call(String method, String path, String body) {
        if (token == null) {
            login();
        }
        HttpResponse<String> r = send(method, path, body, token);
        if (r.statusCode() == 401) {
            token = null;
            login();
            r = send(method, path, body, token);
        }
        int status = r.statusCode();
        if (status / 100 == 2) {
            return r.body();
        }
        String what = "Homer answered " + status + " to " + method + " " + path + ": " + AliasCodec.clip(r.body());
        if (status == 401 || status == 403) {
            throw new HomerException(Kind.REFUSED, what + " (is user " + user + " a Homer admin?)");
        }
        throw new HomerException(Kind.BAD_ANSWER, what);
    }

    private void login() {
        String body = AliasCodec.JSON
                .createObjectNode()
                .put("username", user)
                .put("password", password)
                .toString();
        HttpResponse<String> r = send("POST", "/api/v3/auth", body, null);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new HomerException(
                    Kind.REFUSED,
                    "Homer refused the login of user " + user + " (" + r.statusCode() + "): "
                            + AliasCodec.clip(r.body()));
        }
        if (r.statusCode() / 100 != 2) {
            throw new HomerException(
                    Kind.BAD_ANSWER,
                    "Homer answered " + r.statusCode() + " to the login: " + AliasCodec.clip(r.body()));
        }
        try {
            JsonNode t = AliasCodec.JSON.readTree(r.body()).path("token");
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new HomerException(
                        Kind.BAD_ANSWER, "Homer's login answer has no token: " + AliasCodec.clip(r.body()));
            }
            token = t.asText();
            logins++;
        } catch (JsonProcessingException e) {
            throw new HomerException(Kind.BAD_ANSWER, "Homer's login answer is not JSON: " + AliasCodec.clip(r.body()));
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new HomerException(
                    Kind.UNREACHABLE, "Homer " + base + " did not accept a connection within " + secs() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new HomerException(
                    Kind.UNREACHABLE, "Homer did not answer " + method + " " + path + " within " + secs() + " s", e);
        } catch (IOException e) {
            throw new HomerException(Kind.UNREACHABLE, "Homer " + base + " cannot be reached: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HomerException(Kind.UNREACHABLE, "interrupted while calling Homer", e);
        }
    }

    /**
     * The JDK client's exceptions often carry no message of their own (a refused connection is a ConnectException
     * around a ClosedChannelException, both without one): what happened, in words.
     */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException
                ? "connection refused"
                : e.getClass().getSimpleName();
    }

    private String secs() {
        return Double.toString(timeout.toMillis() / 1000.0);
    }

    private static String path(String guid) {
        return URLEncoder.encode(guid, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
