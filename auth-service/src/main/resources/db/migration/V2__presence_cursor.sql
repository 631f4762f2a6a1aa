-- How far app_user.last_seen has caught up with presence-service: the cursor of its last-seen
-- changes, so that a restarted auth-service asks only for what changed since.
CREATE TABLE presence_cursor (
    id     SMALLINT    PRIMARY KEY CHECK (id = 1),
    cursor TIMESTAMPTZ NOT NULL
);
