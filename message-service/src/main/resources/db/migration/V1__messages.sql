-- message_id: one sequence for public and private messages, so an id is unique across all rooms.
-- INCREMENT BY 50 matches the entities' allocationSize (Hibernate's pooled optimizer: one
-- round trip per 50 ids, which keeps batched inserts batched).
CREATE SEQUENCE message_id_seq START WITH 1 INCREMENT BY 50;

-- Per-room sequence numbers, gap-free: incremented in the transaction that inserts the messages.
CREATE TABLE room_sequence (
    room      varchar(64) PRIMARY KEY,
    last_seq  bigint      NOT NULL
);

CREATE TABLE message (
    id               bigint        PRIMARY KEY,
    room             varchar(64)   NOT NULL,
    seq              bigint        NOT NULL,
    user_id          bigint        NOT NULL,
    username         varchar(255)  NOT NULL,
    text             text          NOT NULL,
    image_url        varchar(2048),
    audio_url        varchar(2048),
    client_id        varchar(64),
    idempotency_key  varchar(128)  NOT NULL,
    sent_at          timestamptz   NOT NULL,
    CONSTRAINT message_room_seq_uk UNIQUE (room, seq),
    CONSTRAINT message_idempotency_uk UNIQUE (room, user_id, idempotency_key)
);

CREATE TABLE private_chat_room (
    room        varchar(64)  PRIMARY KEY,
    user_a      bigint       NOT NULL,
    user_b      bigint       NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT private_chat_room_pair_uk UNIQUE (user_a, user_b),
    CONSTRAINT private_chat_room_sorted_ck CHECK (user_a < user_b)
);

CREATE TABLE private_message (
    id               bigint        PRIMARY KEY,
    room             varchar(64)   NOT NULL REFERENCES private_chat_room (room),
    seq              bigint        NOT NULL,
    user_id          bigint        NOT NULL,
    username         varchar(255)  NOT NULL,
    text             text          NOT NULL,
    image_url        varchar(2048),
    audio_url        varchar(2048),
    client_id        varchar(64),
    idempotency_key  varchar(128)  NOT NULL,
    sent_at          timestamptz   NOT NULL,
    CONSTRAINT private_message_room_seq_uk UNIQUE (room, seq),
    CONSTRAINT private_message_idempotency_uk UNIQUE (room, user_id, idempotency_key)
);

-- Read receipts: how far each user has read each room (moved forward only, compared by seq).
CREATE TABLE read_pointer (
    room                  varchar(64)  NOT NULL,
    user_id               bigint       NOT NULL,
    last_read_message_id  bigint       NOT NULL,
    last_read_seq         bigint       NOT NULL,
    updated_at            timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (room, user_id)
);
