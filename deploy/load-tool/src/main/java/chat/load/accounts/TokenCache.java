package chat.load.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Access tokens of the load-test users, kept in a file with their expiry so that repeated runs
 * do not log in again: a token is reused while it stays valid long enough, renewed by its
 * refresh token when it does not, and fetched by a login (creating the user) otherwise.
 */
public final class TokenCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token handed out must stay valid at least this long (the upgrade happens right after). */
    private static final long MIN_VALIDITY_SECONDS = 60;

    private final KeycloakAccounts keycloak;
    private final ChatDirectory directory;
    private final Path file;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private int logins;
    private int refreshes;

    /** {@code gateway}: where new users are registered in the chat's directory (null: never). */
    public TokenCache(KeycloakAccounts keycloak, java.net.URI gateway, Path file) {
        this.keycloak = keycloak;
        this.directory = gateway == null ? null : new ChatDirectory(gateway);
        this.file = file;
        load();
    }

    /**
     * Makes sure every user has a token valid for at least {@code seconds}, with at most
     * {@code concurrency} requests to Keycloak at a time, and saves the file.
     */
    public void ensure(List<String> users, long seconds, int concurrency) {
        long now = Instant.now().getEpochSecond();
        List<String> missing = users.stream().filter(u -> !usable(tokens.get(u), now, seconds)).toList();
        if (missing.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, missing.size()));
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String user : missing) {
                work.add(pool.submit(() -> renew(user)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        save();
    }

    /** A token of the user valid for at least a minute, renewed on the spot if the cached one is about to expire. */
    public String token(String user) {
        CachedToken cached = tokens.get(user);
        if (!usable(cached, Instant.now().getEpochSecond(), MIN_VALIDITY_SECONDS)) {
            cached = renew(user);
        }
        return cached.access();
    }

    /** Valid long enough, and (when the chat's directory is known) with the user's {@code user_id} claim. */
    private boolean usable(CachedToken token, long now, long seconds) {
        return token != null && token.validFor(now, seconds)
                && (directory == null || ChatDirectory.hasUserId(token.access()));
    }

    public synchronized int logins() {
        return logins;
    }

    public synchronized int refreshes() {
        return refreshes;
    }

    private CachedToken renew(String user) {
        CachedToken old = tokens.get(user);
        CachedToken fresh = null;
        if (old != null && old.refreshableAt(Instant.now().getEpochSecond())) {
            fresh = keycloak.refresh(user, old.refresh());
            if (fresh != null) {
                count(false);
            }
        }
        if (fresh == null) {
            fresh = keycloak.login(user);
            count(true);
        }
        if (directory != null && !ChatDirectory.hasUserId(fresh.access())) {
            // a new user: register it, then a refresh brings the token with its user_id claim
            directory.register(user, fresh.access());
            CachedToken withId = keycloak.refresh(user, fresh.refresh());
            fresh = withId != null ? withId : keycloak.login(user);
        }
        tokens.put(user, fresh);
        return fresh;
    }

    private synchronized void count(boolean login) {
        if (login) {
            logins++;
        } else {
            refreshes++;
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!keycloak.keycloakUrl().equals(root.path("keycloak").asText())) {
                return; // tokens of another Keycloak: useless here
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tokens").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode t = e.getValue();
                tokens.put(e.getKey(), new CachedToken(t.path("access").asText(), t.path("refresh").asText(),
                        t.path("access_expires_at").asLong(), t.path("refresh_expires_at").asLong()));
            }
        } catch (IOException e) {
            System.err.println("token cache " + file + " unreadable (" + e.getMessage() + "): logging in again");
        }
    }

    /** Writes the cache atomically (a half-written file would cost every token). */
    public synchronized void save() {
        ObjectNode root = JSON.createObjectNode().put("keycloak", keycloak.keycloakUrl());
        ObjectNode all = root.putObject("tokens");
        tokens.forEach((user, t) -> all.putObject(user).put("access", t.access()).put("refresh", t.refresh())
                .put("access_expires_at", t.accessExpiresAt()).put("refresh_expires_at", t.refreshExpiresAt()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "tokens", ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("token cache " + file + " not written: " + e.getMessage());
        }
    }
}
