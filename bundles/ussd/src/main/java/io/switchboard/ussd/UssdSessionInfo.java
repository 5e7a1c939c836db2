package io.switchboard.ussd;

/**
 * A live USSD session as shown by {@code ussd:sessions} and {@code GET /api/ussd/sessions}.
 *
 * @param id          the session id (SIP Call-ID)
 * @param direction   {@code mobile} or {@code network}
 * @param subscriber  {@code user@domain}
 * @param ussdString  the USSD string that opened it (network: the first text)
 * @param state       {@code INVITING}, {@code ANSWERED} (waiting for the ACK), {@code MENU} (the route runs),
 *                    {@code WAITING_USER} (our INFO or request is out, waiting for the UE's INFO), {@code ENDING}
 * @param step        steps run so far
 * @param startedAt   epoch millis
 * @param idleMillis  millis since the last message of the session
 */
public record UssdSessionInfo(
        String id,
        String direction,
        String subscriber,
        String ussdString,
        String state,
        int step,
        long startedAt,
        long idleMillis) {}
