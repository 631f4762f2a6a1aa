package chat.message.frames;

import chat.events.AckFrame;
import chat.events.ErrorCode;
import chat.events.Origin;
import chat.events.RoomEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.message.entity.Message;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Frame shapes and time formats, without servers. */
class MessageFramesTest {

    @Test
    void timestampIsTheOriginalClockFormInUtc() {
        assertEquals("03:04 PM", MessageFrames.clock(Instant.parse("2024-05-06T15:04:59.999Z")));
        assertEquals("12:00 AM", MessageFrames.clock(Instant.parse("2024-05-06T00:00:00Z")));
        assertEquals("12:30 PM", MessageFrames.clock(Instant.parse("2024-05-06T12:30:00Z")));
        assertEquals("09:05 AM", MessageFrames.clock(Instant.parse("2024-05-06T09:05:00Z")));
    }

    @Test
    void sentAtIsIsoUtcWithMillis() {
        assertEquals("2024-05-06T15:04:05.000Z", MessageFrames.iso(Instant.parse("2024-05-06T15:04:05Z")));
        assertEquals("2024-05-06T15:04:05.120Z", MessageFrames.iso(Instant.parse("2024-05-06T15:04:05.12Z")));
    }

    @Test
    void chatMessageFrameHasProtocolFieldsInOrderWithNulls() {
        Message m = new Message();
        m.id = 42L;
        m.room = "lobby";
        m.seq = 3;
        m.userId = 7;
        m.username = "alice";
        m.text = "hi \"there\" <b>";
        m.imageUrl = "/api/media/abc";
        m.imageThumbUrl = "/api/media/def";
        m.sentAt = Instant.parse("2024-05-06T15:04:05.123Z");
        assertEquals("{\"type\":\"chat_message\",\"room\":\"lobby\",\"message_id\":42,\"seq\":3,"
                + "\"message\":\"hi \\\"there\\\" <b>\",\"username\":\"alice\",\"user_id\":7,\"timestamp\":\"03:04 PM\","
                + "\"sent_at\":\"2024-05-06T15:04:05.123Z\",\"image_url\":\"/api/media/abc\",\"audio_url\":null,"
                + "\"image_thumb_url\":\"/api/media/def\",\"audio_duration_ms\":null,"
                + "\"client_id\":null}", MessageFrames.encode(MessageFrames.chatMessage(m)));
    }

    @Test
    void ackErrorAndReadFrames() {
        Message m = new Message();
        m.id = 42L;
        m.seq = 3;
        assertEquals("{\"type\":\"ack\",\"client_id\":\"c-1\",\"message_id\":42,\"seq\":3}",
                new RoomEvent.Ack(new Origin("gw", "c"), "c-1", m.id).frame(m.seq));
        assertEquals("{\"type\":\"ack\",\"client_id\":null,\"message_id\":42,\"seq\":3}",
                AckFrame.of(null, m.id, m.seq).encode());
        assertEquals("{\"type\":\"error\",\"code\":\"too_large\",\"reason\":\"r\",\"client_id\":null}",
                MessageFrames.encode(MessageFrames.error(ErrorCode.TOO_LARGE, "r")));
        assertEquals("{\"type\":\"error\",\"code\":\"bad_frame\",\"reason\":\"r\",\"client_id\":\"c-9\"}",
                MessageFrames.encode(MessageFrames.error(ErrorCode.BAD_FRAME, "r").forClient("c-9")));
        assertEquals(
                "{\"type\":\"message_read\",\"room\":\"lobby\",\"message_id\":42,\"username\":\"bob\",\"user_id\":2}",
                MessageFrames.encode(MessageFrames.messageRead("lobby", 42, "bob", 2)));
    }
}
