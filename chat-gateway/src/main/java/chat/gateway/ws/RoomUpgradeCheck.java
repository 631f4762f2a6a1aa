package chat.gateway.ws;

import chat.events.RoomNames;
import chat.gateway.config.GatewayConfig;
import chat.gateway.client.ChatUser;
import chat.gateway.client.UserDirectory;
import chat.gateway.metrics.GatewayMetrics;
import chat.gateway.security.UpgradeAuthenticator;
import chat.gateway.session.UserLimits;
import io.netty.channel.Channel;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a chat upgrade before any socket is opened: tokens in the URL (401), a foreign
 * {@code Origin} (403), a malformed room name (400), a private room the user is not a member
 * of (403) or whose users do not exist (404), a user with the most connections open already
 * (429), a gateway that is stopping or full ({@link AdmissionControl}, 503); then resolves the
 * user's directory entry and keeps it on the connection, and drops the credentials and other
 * headers the socket never reads again ({@link UpgradeHeaders}).
 */
@ApplicationScoped
public class RoomUpgradeCheck implements HttpUpgradeCheck {

    /** The endpoints this check guards, by their ids (never by a package or class name a rename changes). */
    public static final Set<String> ROOM_ENDPOINTS = Set.of(ChatEndpoint.ID, PrivateChatEndpoint.ID);

    private final OriginPolicy origins;
    private final UserDirectory directory;
    private final UserLimits limits;
    private final int maxPendingBytes;
    private final GatewayDrain drain;
    private final GatewayMetrics metrics;
    private final AdmissionControl admission;
    private final UpgradeAuthenticator authenticator;

    public RoomUpgradeCheck(OriginPolicy origins, UserDirectory directory, UserLimits limits, GatewayConfig config,
            GatewayDrain drain, GatewayMetrics metrics, AdmissionControl admission,
            UpgradeAuthenticator authenticator) {
        this.admission = admission;
        this.authenticator = authenticator;
        this.origins = origins;
        this.directory = directory;
        this.limits = limits;
        this.drain = drain;
        this.metrics = metrics;
        this.maxPendingBytes = config.gateway().maxPendingBytes();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return guards(endpointId);
    }

    /** Whether the check runs for the endpoint with this id. */
    public static boolean guards(String endpointId) {
        return ROOM_ENDPOINTS.contains(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Uni<CheckResult> decision;
        if (drain.isDraining()) {
            decision = CheckResult.rejectUpgrade(503); // stopping: the client reconnects to another gateway
        } else {
            Optional<AdmissionControl.Refusal> full = admission.refusal();
            if (full.isPresent()) {
                // full: refused before the token is even parsed, so a reconnect storm costs little
                metrics.admissionRefused(full.get().name().toLowerCase());
                decision = CheckResult.rejectUpgrade(503);
            } else {
                decision = decide(context);
            }
        }
        return decision.invoke(result -> metrics.upgrade(result.isUpgradePermitted(), result.getHttpResponseCode()));
    }

    private Uni<CheckResult> decide(HttpUpgradeContext context) {
        String query = context.httpRequest().query();
        if (query != null && (query.contains("access_token=") || query.contains("token="))) {
            return CheckResult.rejectUpgrade(401); // tokens in URLs leak into logs: never accepted
        }
        if (!origins.permits(context.httpRequest())) {
            Log.infof("upgrade refused: foreign origin %s", context.httpRequest().getHeader("Origin"));
            return CheckResult.rejectUpgrade(403);
        }
        String room = context.pathParam("room");
        Optional<RoomNames.PrivatePair> pair = RoomNames.parsePrivate(room);
        if (!RoomNames.isValid(room)) {
            return CheckResult.rejectUpgrade(400);
        }
        return authenticator.authenticate(context).flatMap(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            context.userData().put(ConnectionKeys.SUBJECT, UserDirectory.subjectOf(identity));
            context.userData().put(ConnectionKeys.EXPIRES_AT, UpgradeAuthenticator.expiresAtMillis(identity));
            return directory.resolve(identity)
                    .flatMap(user -> admit(context, room, pair, user))
                    .onFailure().recoverWithUni(failure -> refusal(room, failure));
        });
    }

    private Uni<CheckResult> admit(HttpUpgradeContext context, String room, Optional<RoomNames.PrivatePair> pair,
            ChatUser user) {
        if (pair.isEmpty()) {
            return permit(context, user);
        }
        if (!pair.get().hasMember(user.userId())) {
            Log.infof("upgrade refused: user %d is not a member of %s", user.userId(), room);
            return CheckResult.rejectUpgrade(403);
        }
        return directory.isPrivateMember(room, user.userId()).flatMap(member -> {
            if (!member) {
                return CheckResult.rejectUpgrade(403);
            }
            return permit(context, user);
        });
    }

    private Uni<CheckResult> permit(HttpUpgradeContext context, ChatUser user) {
        Optional<Channel> channel = SocketTuning.apply(context.httpRequest(), maxPendingBytes);
        if (channel.isEmpty()) {
            context.userData().put(ConnectionKeys.USER, user);
            UpgradeHeaders.dropAfterDecision(context.httpRequest());
            return CheckResult.permitUpgrade();
        }
        return limits.tryOpen(user.userId()).flatMap(frames -> {
            if (frames.isEmpty()) {
                Log.infof("upgrade refused: user %d has the most connections open (%d on this gateway)", user.userId(),
                        limits.openConnections(user.userId()));
                return CheckResult.rejectUpgrade(429);
            }
            // counted until the socket's TCP connection closes, however the WebSocket ends
            channel.get().closeFuture().addListener(closed -> limits.closed(user.userId()));
            context.userData().put(ConnectionKeys.USER_FRAMES, frames.get());
            context.userData().put(ConnectionKeys.CHANNEL, channel.get());
            context.userData().put(ConnectionKeys.USER, user);
            UpgradeHeaders.dropAfterDecision(context.httpRequest());
            return CheckResult.permitUpgrade();
        });
    }

    private static Uni<CheckResult> refusal(String room, Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 400 || status == 404 || status == 401 || status == 403) {
                return CheckResult.rejectUpgrade(status);
            }
        }
        Log.warnf("upgrade to %s failed: directory unavailable: %s", room, failure.getMessage());
        return CheckResult.rejectUpgrade(503);
    }
}
