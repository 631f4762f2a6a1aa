-- When each row was last written (the database's clock), so that auth-service's directory reads only
-- the last-seen times changed since its previous read. A trigger sets it, whichever code writes the row.
ALTER TABLE user_last_seen ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT now();

CREATE INDEX user_last_seen_recorded_at ON user_last_seen (recorded_at);

CREATE FUNCTION user_last_seen_recorded() RETURNS trigger AS $$
BEGIN
    NEW.recorded_at := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER user_last_seen_recorded BEFORE INSERT OR UPDATE ON user_last_seen
    FOR EACH ROW EXECUTE FUNCTION user_last_seen_recorded();
