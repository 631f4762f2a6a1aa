package chat.media.service;

/** What a stored media is for: a picture, or something to play. */
public enum MediaKind {
    IMAGE, AUDIO
}
