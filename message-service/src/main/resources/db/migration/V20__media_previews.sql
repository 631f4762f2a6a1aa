-- An image message's preview (at most 320 px on its longest side) and a voice message's duration.
ALTER TABLE message ADD COLUMN image_thumb_url varchar(2048);
ALTER TABLE message ADD COLUMN audio_duration_ms bigint;
ALTER TABLE private_message ADD COLUMN image_thumb_url varchar(2048);
ALTER TABLE private_message ADD COLUMN audio_duration_ms bigint;
