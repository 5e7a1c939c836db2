package io.switchboard.cgrates.internal;

/**
 * The SIP answer to a call billing refuses: status and the CGRateS text for the Warning header.
 *
 * @param status SIP status (402, 403, 486, 503)
 * @param text   what CGRateS said (or why it could not be asked)
 */
record Refusal(int status, String text) {}
