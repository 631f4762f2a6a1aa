package chat.gateway.ws;

import chat.gateway.client.ChatUser;
import chat.gateway.session.ChatSession;
import chat.gateway.session.RateLimiter;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.UserData.TypedKey;

/** What the upgrade check and the endpoint keep on a connection. */
final class ConnectionKeys {

    /** The directory entry of the authenticated user, resolved during the upgrade. */
    static final TypedKey<ChatUser> USER = new TypedKey<>("chat.user");
    /** The Keycloak subject of the connection's user (media it uploads are owned by it). */
    static final TypedKey<String> SUBJECT = new TypedKey<>("chat.subject");
    /** When the connection's token expires (epoch ms): {@link TokenExpirySweep} closes it then. */
    static final TypedKey<Long> EXPIRES_AT = new TypedKey<>("chat.expires-at");
    /** The connection's Netty channel, to see whether its peer keeps up with what it is sent. */
    static final TypedKey<Channel> CHANNEL = new TypedKey<>("chat.channel");
    /** The frame budget shared by all connections of the user (see {@link chat.gateway.session.UserLimits}). */
    static final TypedKey<RateLimiter> USER_FRAMES = new TypedKey<>("chat.user-frames");
    /** The connection's session once it joined its room. */
    static final TypedKey<ChatSession> SESSION = new TypedKey<>("chat.session");

    private ConnectionKeys() {
    }
}
