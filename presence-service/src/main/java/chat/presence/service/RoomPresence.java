package chat.presence.service;

import java.util.List;

/** Who is in a room now (answer of {@code GET /api/rooms/{room}/presence}). */
public record RoomPresence(String room, List<PresentUser> users) {
}
