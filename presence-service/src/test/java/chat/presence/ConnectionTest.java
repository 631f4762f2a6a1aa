package chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.presence.service.Connection;
import org.junit.jupiter.api.Test;

/** The stored form of a connection (pure logic, no servers). */
class ConnectionTest {

    @Test
    void roundTripsAndKeepsBarsInUsernames() {
        Connection c = new Connection("gw-1", "conn-9", 42, "we|ird");
        assertEquals("gw-1|conn-9|42|we|ird", c.encode());
        assertEquals(c, Connection.parse(c.encode()).orElseThrow());
        assertTrue(c.encode().startsWith(Connection.memberPrefix("gw-1", "conn-9")));
    }

    @Test
    void refusesWhatIsNotAMember() {
        assertTrue(Connection.parse("gw|conn|notanumber|x").isEmpty());
        assertTrue(Connection.parse("gw|conn").isEmpty());
    }
}
