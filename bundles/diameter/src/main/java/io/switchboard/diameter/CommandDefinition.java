package io.switchboard.diameter;

import java.util.List;

/**
 * One command of the dictionary: its code and application, the abbreviations of its request and answer, and the
 * AVPs its ABNF marks as required ({@code < >} and {@code { }}), which a request lacking one is answered 5005 for.
 *
 * @param name            the command's name ({@code User-Authorization})
 * @param requestName     abbreviation of the request ({@code UAR})
 * @param answerName      abbreviation of the answer ({@code UAA})
 * @param code            the command code
 * @param applicationId   the application it belongs to (0 for the base protocol)
 * @param proxiable       whether requests carry the P bit
 * @param requestRequired AVP names a request must carry
 * @param answerRequired  AVP names an answer must carry
 */
public record CommandDefinition(
        String name,
        String requestName,
        String answerName,
        int code,
        long applicationId,
        boolean proxiable,
        List<String> requestRequired,
        List<String> answerRequired) {}
