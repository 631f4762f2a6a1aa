package chat.load.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options are parsed once and bad ones are refused with a message that says what to do. */
class LoadOptionsTest {

    @Test
    void ingestHasEveryClientSending() {
        LoadOptions o = LoadOptions.parse("ingest", "--rooms", "100", "--clients", "4", "--rate", "5");
        assertEquals(Mode.INGEST, o.mode);
        assertEquals(4, o.sendersPerRoom);
        assertEquals(400, o.totalSenders());
        assertTrue(o.url(7).startsWith("ws://127.0.0.1:8080/ws/chat/lt"));
        assertTrue(o.url(7).endsWith("-7/"));
    }

    @Test
    void connectCountsConnectionsInRoomsOfClients() {
        LoadOptions o = LoadOptions.parse("connect", "--connections", "15000", "--clients", "100");
        assertEquals(150, o.rooms);
        assertEquals(15_000, o.totalConnections());
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("connect", "--connections", "150", "--clients", "100"));
    }

    @Test
    void anyServerRunsWithoutAuthAndWithoutAcks() {
        LoadOptions o = LoadOptions.parse("fanout", "--auth", "none", "--url-template",
                "ws://127.0.0.1:8391/ws/chat/{room}/",
                "--clients", "500", "--senders", "20", "--rate", "10");
        assertEquals(false, o.keycloakAuth);
        assertEquals(false, o.expectAcks);
        assertTrue(o.url(0).startsWith("ws://127.0.0.1:8391/ws/chat/"));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--rooms", "1"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("fanout", "--roms", "1"));
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("fanout", "--clients", "5", "--senders", "6"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("ingest", "--senders", "1"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("fanout", "--url-template", "ws://x/ws/"));
    }

    @Test
    void sourceAddressRangesExpand() {
        assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"), SourceAddresses.parse("127.0.0.2-127.0.0.4"));
        assertEquals(List.of("127.0.0.2", "127.0.1.9"), SourceAddresses.parse("127.0.0.2,127.0.1.9"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("127.0.0.5-127.0.1.2"));
    }
}
