-- One database per service, owned by the chat role (POSTGRES_USER).
CREATE DATABASE chat_auth;
CREATE DATABASE chat_message;
CREATE DATABASE chat_media;
CREATE DATABASE chat_presence;
