-- The user directory: one row per Keycloak user, with the stable numeric id the chat uses.
CREATE TABLE app_user (
    user_id     BIGSERIAL PRIMARY KEY,
    keycloak_id TEXT        NOT NULL UNIQUE,
    username    TEXT        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NULL
);
