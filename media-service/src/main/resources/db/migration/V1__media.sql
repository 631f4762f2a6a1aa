-- Stored images and voice messages, with the type sniffed from their bytes.
create table media (
    id              text primary key,          -- 22 chars base64url of 16 random bytes: unguessable
    content_type    text not null,             -- sniffed, never the declared type
    size            bigint not null,
    sha256          text not null,             -- hex; also the ETag
    bytes           bytea not null,
    room            text,                      -- recorded for the private-room checks to come
    uploader_id     text not null,             -- directory id (stream uploads) or kc:<subject> (REST uploads)
    idempotency_key text,                      -- stream uploads only
    created_at      timestamptz not null default now()
);

-- a retried upload (same key, uploader and room) reuses the stored media instead of storing it twice
create unique index media_idempotency on media (idempotency_key, uploader_id, room)
    where idempotency_key is not null;
