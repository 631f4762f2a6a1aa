package chat.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** message-service's cluster-internal history (base URL: {@code chat.services.message}), with the gateway's own token. */
@RegisterRestClient(configKey = "message-service")
@OidcClientFilter
interface MessageServiceApi {

    /** Up to {@code limit} messages of the room with seq above {@code afterSeq}, oldest first. */
    @GET
    @Path("/internal/rooms/{room}/messages")
    Uni<HistoryPage> messagesAfter(@PathParam("room") String room, @QueryParam("after_seq") long afterSeq,
            @QueryParam("limit") int limit);
}
