package io.switchboard.cx;

/**
 * A UAR (command 300) as the HSS reads it: User-Name (the IMPI), Public-Identity (the IMPU),
 * Visited-Network-Identifier (as text) and User-Authorization-Type (absent:
 * {@link UserAuthorizationType#REGISTRATION}).
 */
public record UserAuthorization(String impi, String impu, String visitedNetwork, UserAuthorizationType type) {

    public UserAuthorization {
        type = type == null ? UserAuthorizationType.REGISTRATION : type;
    }
}
