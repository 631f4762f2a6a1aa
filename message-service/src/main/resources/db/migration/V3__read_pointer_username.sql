-- The reader's username, so that a history page can list who read how far without asking
-- auth-service. Written with every move of the pointer (mark_read carries it).
ALTER TABLE read_pointer ADD COLUMN username varchar(255);

-- Pointers written before this migration: the username of the reader's latest message, if any
-- (a reader who never wrote stays null until their next mark_read).
UPDATE read_pointer rp
SET username = latest.username
FROM (SELECT DISTINCT ON (user_id) user_id, username
      FROM (SELECT user_id, username, id FROM message
            UNION ALL
            SELECT user_id, username, id FROM private_message) m
      ORDER BY user_id, id DESC) latest
WHERE latest.user_id = rp.user_id AND rp.username IS NULL;
