-- Full-text search of message text. The 'simple' configuration only lower-cases and splits on
-- non-letters (no stemming, no stop words): chat is multilingual, and a language's stemmer
-- would mangle the words of every other language.
-- Searches filter by room AND text: the GIN index serves the text match, the existing
-- (room, seq) unique index the room filter; the planner combines them (BitmapAnd), uses the
-- GIN index alone for rare words, or walks (room, seq) backwards for words found everywhere.
ALTER TABLE message
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED;
CREATE INDEX message_search_idx ON message USING gin (search_vector);

ALTER TABLE private_message
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED;
CREATE INDEX private_message_search_idx ON private_message USING gin (search_vector);
