package chat.presence;

import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;

/** Real Keycloak access tokens of the development users. */
final class Tokens {

    private Tokens() {
    }

    static String of(String username) {
        return DevTokens.tokenWithoutUserId(StackTestResource.infra, username);
    }
}
