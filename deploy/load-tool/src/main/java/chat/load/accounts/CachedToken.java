package chat.load.accounts;

/**
 * One user's tokens with their expiry (epoch seconds), as kept in the token cache file.
 *
 * @param access           access token (sent as {@code Authorization: Bearer})
 * @param refresh          refresh token (renews the access token without a login)
 * @param accessExpiresAt  when the access token expires
 * @param refreshExpiresAt when the refresh token expires
 */
public record CachedToken(String access, String refresh, long accessExpiresAt, long refreshExpiresAt) {

    public boolean validFor(long nowEpochSecond, long seconds) {
        return accessExpiresAt - nowEpochSecond >= seconds;
    }

    public boolean refreshableAt(long nowEpochSecond) {
        return refresh != null && !refresh.isEmpty() && refreshExpiresAt - nowEpochSecond > 5;
    }
}
