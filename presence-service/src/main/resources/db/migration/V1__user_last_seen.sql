-- When each user was last online (updated when a connection leaves or its gateway is swept).
CREATE TABLE user_last_seen (
    user_id   BIGINT      PRIMARY KEY,
    username  TEXT        NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL
);
