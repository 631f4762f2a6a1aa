-- Media bytes move to chunks, so that no request holds a whole file in memory: uploads are written
-- chunk by chunk, downloads and ranges read only the chunks they need.
create table media_chunk (
    media_id   text   not null references media (id) on delete cascade,
    first_byte bigint not null,   -- offset of data's first byte within the media
    data       bytea  not null,
    primary key (media_id, first_byte)
);

-- media stored before: one chunk each (older replicas still read the bytes column for those)
insert into media_chunk (media_id, first_byte, data) select id, 0, bytes from media;
alter table media alter column bytes drop not null;

-- previews and durations, read once at upload
alter table media add column thumb_id    text;     -- the preview of an image: another media row
alter table media add column duration_ms bigint;   -- the length of a voice message
alter table media add column preview     boolean not null default false;  -- an image's preview row
alter table media add column width       integer;  -- an image's size in pixels
alter table media add column height      integer;

-- per-user quota and per-room usage are sums over these
create index media_uploader on media (uploader_id);
create index media_room on media (room);
