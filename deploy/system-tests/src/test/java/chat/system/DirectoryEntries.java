package chat.system;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one user's line of the directory ({@code GET /api/users}) through the gateway. */
final class DirectoryEntries {

    private DirectoryEntries() {
    }

    /** The directory line of {@code username} as {@code reader} sees it; fails when it is missing. */
    static JsonNode of(SystemStack stack, String reader, String username) {
        JsonNode directory = Api.json(Api.get(stack.gateway() + "/api/users", stack.token(reader)));
        for (JsonNode user : directory) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError(username + " not in the directory: " + directory);
    }
}
