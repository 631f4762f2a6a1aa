package chat.gateway.limits;

import chat.gateway.config.GatewayConfig;
import chat.gateway.config.InstanceId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A user's open connections across all gateways, kept in Redis: one hash per user
 * ({@code PREFIX:user-conns:USER_ID}) holding each gateway's count and the expiry of that
 * gateway's lease on it. A gateway renews its leases every {@code user-lease / 3}; the counts of
 * a gateway that stopped renewing (it crashed) stop counting when its lease ends. A release lost
 * while Redis was unreachable over-counts until the user's last connection on that gateway
 * closes and its lease ends. Each script
 * works on one key, so that it runs atomically and on any Redis topology.
 */
@ApplicationScoped
public class UserConnectionLeases {

    /**
     * Shared by the scripts: drops the fields of gateways whose lease ended, and counts the
     * connections and the gateways holding some. Fields: {@code GW} = count, {@code GW@} = lease end (ms).
     */
    private static final String LIVE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local fields = redis.call('HGETALL', KEYS[1])
            local counts, ends = {}, {}
            for i = 1, #fields, 2 do
              local f, v = fields[i], fields[i + 1]
              if string.sub(f, -1) == '@' then ends[string.sub(f, 1, -2)] = tonumber(v) else counts[f] = tonumber(v) end
            end
            local total, holders = 0, 0
            for gw, n in pairs(counts) do
              if gw ~= ARGV[1] and (ends[gw] or 0) <= now then
                redis.call('HDEL', KEYS[1], gw, gw .. '@')
              elseif gw ~= ARGV[1] then
                total = total + n
                if n > 0 then holders = holders + 1 end
              end
            end
            local lease = tonumber(ARGV[2])
            """;

    /** ARGV: gateway, lease ms, most connections. Returns {admitted 0/1, gateways holding the user's connections}. */
    private static final String ADMIT = LIVE + """
            local mine = counts[ARGV[1]] or 0
            if total + mine >= tonumber(ARGV[3]) then return {0, holders + (mine > 0 and 1 or 0)} end
            redis.call('HSET', KEYS[1], ARGV[1], mine + 1, ARGV[1] .. '@', now + lease)
            redis.call('PEXPIRE', KEYS[1], lease)
            return {1, holders + 1}
            """;

    /**
     * ARGV: gateway, lease ms, this gateway's admitted count. Extends the lease; the count itself
     * moves only by admissions and releases (a renewal racing them would set a stale value), except
     * that a count Redis lost (restarted without its data) is set again. Returns the gateways holding.
     */
    private static final String RENEW = LIVE + """
            local mine = counts[ARGV[1]]
            if mine == nil and tonumber(ARGV[3]) > 0 then
              mine = tonumber(ARGV[3])
              redis.call('HSET', KEYS[1], ARGV[1], mine)
            end
            if mine ~= nil then
              redis.call('HSET', KEYS[1], ARGV[1] .. '@', now + lease)
              if mine > 0 then holders = holders + 1 end
              redis.call('PEXPIRE', KEYS[1], lease)
            end
            return holders
            """;

    /** ARGV: gateway. Counts one connection of this gateway less. */
    private static final String RELEASE = """
            local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1], ARGV[1] .. '@') end
            return n
            """;

    private final Redis redis;
    private final String prefix;
    private final String gateway;
    private final long leaseMillis;

    public UserConnectionLeases(Redis redis, GatewayConfig config, InstanceId instanceId) {
        this.redis = redis;
        this.prefix = config.streams().prefix();
        this.gateway = instanceId.value();
        this.leaseMillis = Math.max(1000, config.gateway().userLease().toMillis());
    }

    /** What an admission decided. */
    public record Admission(boolean admitted, int gatewaysHolding) {
    }

    /** Counts one more connection of the user on this gateway unless they have {@code max} open across all gateways. */
    public Uni<Admission> admit(long userId, int max) {
        return redis.send(script(ADMIT, userId).arg(max))
                .map(reply -> new Admission(reply.get(0).toInteger() == 1, Math.max(1, reply.get(1).toInteger())));
    }

    /** Renews this gateway's lease on the user's count ({@code openHere} if Redis lost it); the number of gateways holding their connections. */
    public Uni<Integer> renew(long userId, int openHere) {
        return redis.send(script(RENEW, userId).arg(openHere)).map(Response::toInteger);
    }

    /** One connection of the user on this gateway closed. */
    public Uni<Void> release(long userId) {
        return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key(userId)).arg(gateway))
                .replaceWithVoid();
    }

    /** How often leases are renewed: well within their length, so one missed renewal loses nothing. */
    public long renewEveryMillis() {
        return leaseMillis / 3;
    }

    private Request script(String script, long userId) {
        return Request.cmd(Command.EVAL).arg(script).arg(1).arg(key(userId)).arg(gateway).arg(leaseMillis);
    }

    private String key(long userId) {
        return prefix + ":user-conns:" + userId;
    }
}
