package io.switchboard.store;

/**
 * A subscriber: {@code username@domain} with its secrets. {@code password} is null when only the HA1
 * values were stored; the HA1 values are computed with the domain as realm.
 */
public record Subscriber(String username, String domain, String password, String ha1Md5, String ha1Sha256) {

    /** {@code username@domain}. */
    public String aor() {
        return username + "@" + domain;
    }

    /**
     * HA1 for {@code algorithm} ({@code MD5} or {@code SHA-256}) and {@code realm}: the stored value when
     * the realm is the domain, else computed from the password; null when neither is possible.
     */
    public String ha1(String algorithm, String realm) {
        if (realm.equalsIgnoreCase(domain)) {
            String stored = "SHA-256".equalsIgnoreCase(algorithm) ? ha1Sha256 : ha1Md5;
            if (stored != null) {
                return stored;
            }
        }
        return password == null ? null : DigestHashes.ha1(algorithm, username, realm, password);
    }
}
