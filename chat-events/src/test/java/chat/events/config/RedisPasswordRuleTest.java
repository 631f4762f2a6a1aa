package chat.events.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Redis settings count as "with a password" for the production start check. */
class RedisPasswordRuleTest {

    @Test
    void aPasswordInTheUrlOrSetApartCounts() {
        assertTrue(RedisPasswordRule.hasPassword("redis://chat-gateway:s3cret@redis:6379", Optional.empty()));
        assertTrue(RedisPasswordRule.hasPassword("redis://:s3cret@redis:6379", Optional.empty()));
        assertTrue(RedisPasswordRule.hasPassword("redis://redis:6379", Optional.of("s3cret")));
        assertTrue(RedisPasswordRule.hasPassword("redis://a:x@r1:6379,redis://a:x@r2:6379", Optional.empty()));
    }

    @Test
    void noPasswordIsRefused() {
        assertFalse(RedisPasswordRule.hasPassword("redis://redis:6379", Optional.empty()));
        assertFalse(RedisPasswordRule.hasPassword("redis://redis:6379", Optional.of(" ")));
        assertFalse(RedisPasswordRule.hasPassword("redis://chat-gateway@redis:6379", Optional.empty()));
        assertFalse(RedisPasswordRule.hasPassword("redis://chat-gateway:@redis:6379", Optional.empty()));
        assertFalse(RedisPasswordRule.hasPassword("redis://a:x@r1:6379,redis://r2:6379", Optional.empty()));
        assertFalse(RedisPasswordRule.hasPassword("", Optional.empty()));
    }
}
