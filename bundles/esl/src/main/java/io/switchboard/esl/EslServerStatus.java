package io.switchboard.esl;

/**
 * One FreeSWITCH server the platform talks to over the inbound Event Socket, as {@code esl:servers} and
 * {@code GET /api/esl/servers} show it.
 *
 * @param name      its name (the {@code server} option of endpoints)
 * @param host      its host
 * @param port      its Event Socket port
 * @param state     {@code idle} (no endpoint uses it yet), {@code connecting}, {@code authenticating},
 *                  {@code connected}, {@code waiting} (to reconnect)
 * @param lastError why the last attempt failed (a refused password says so), null when none
 */
public record EslServerStatus(String name, String host, int port, String state, String lastError) {}
