package chat.gateway.limits;

import chat.gateway.config.GatewayConfig;
import chat.gateway.config.InstanceId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A user's open connections across all gateways, kept in Redis: one hash per user
 * ({@code PREFIX:user-conns:USER_ID}) holding each gateway's count, the version of that count
 * and the expiry of that gateway's lease on it. A gateway only ever writes its own count, as an
 * absolute value stamped with a version it increases at every local change: a write older than
 * the stored one is ignored, so writes may arrive in any order, be repeated after a failure, or
 * race each other, and the newest count wins. A gateway renews its leases every
 * {@code user-lease / 3}; the counts of a gateway that stopped renewing (it crashed) stop counting
 * when its lease ends. Each script works on one key, so that it runs atomically and on any Redis
 * topology; scripts are called by their SHA-1 ({@link LuaScript}).
 */
@ApplicationScoped
public class UserConnectionLeases {

    /** Most scripts in one pipelined round trip: bounds what one flush holds in Redis's input buffer. */
    static final int BATCH = 1000;

    /**
     * Shared by the scripts: drops the fields of gateways whose lease ended, and counts the other
     * gateways' connections and the gateways holding some. Fields: {@code GW} = count,
     * {@code GW#} = its version, {@code GW@} = lease end (ms).
     */
    private static final String LIVE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local fields = redis.call('HGETALL', KEYS[1])
            local counts, ends, versions = {}, {}, {}
            for i = 1, #fields, 2 do
              local f, v = fields[i], fields[i + 1]
              local last = string.sub(f, -1)
              if last == '@' then ends[string.sub(f, 1, -2)] = tonumber(v)
              elseif last == '#' then versions[string.sub(f, 1, -2)] = tonumber(v)
              else counts[f] = tonumber(v) end
            end
            local total, holders = 0, 0
            for gw, n in pairs(counts) do
              if gw ~= ARGV[1] and (ends[gw] or 0) <= now then
                redis.call('HDEL', KEYS[1], gw, gw .. '@', gw .. '#')
              elseif gw ~= ARGV[1] then
                total = total + n
                if n > 0 then holders = holders + 1 end
              end
            end
            local lease = tonumber(ARGV[2])
            local count, version = tonumber(ARGV[3]), tonumber(ARGV[4])
            local function store()
              if (versions[ARGV[1]] or 0) < version then
                redis.call('HSET', KEYS[1], ARGV[1], count, ARGV[1] .. '#', version)
                counts[ARGV[1]] = count
              end
              redis.call('HSET', KEYS[1], ARGV[1] .. '@', now + lease)
              redis.call('PEXPIRE', KEYS[1], lease)
            end
            """;

    /**
     * ARGV: gateway, lease ms, this gateway's count with the new connection, its version, most
     * connections. Returns {admitted 0/1, gateways holding the user's connections}.
     */
    private static final LuaScript ADMIT = new LuaScript(LIVE + """
            if total + count > tonumber(ARGV[5]) then
              return {0, holders + ((counts[ARGV[1]] or 0) > 0 and 1 or 0)}
            end
            store()
            return {1, holders + 1}
            """);

    /**
     * ARGV: gateway, lease ms, this gateway's count, its version. Sets the count unless a newer one
     * is stored and extends the lease. Returns the gateways holding the user's connections.
     */
    private static final LuaScript SYNC = new LuaScript(LIVE + """
            store()
            return holders + ((counts[ARGV[1]] or 0) > 0 and 1 or 0)
            """);

    private final Redis redis;
    private final String prefix;
    private final String gateway;
    private final long leaseMillis;
    private final Queue<PendingAdmission> admissions = new ConcurrentLinkedQueue<>();
    /** Set while a round trip of admissions is on its way. */
    private final AtomicBoolean admitting = new AtomicBoolean();

    public UserConnectionLeases(Redis redis, GatewayConfig config, InstanceId instanceId) {
        this.redis = redis;
        this.prefix = config.streams().prefix();
        this.gateway = instanceId.value();
        this.leaseMillis = Math.max(1000, config.gateway().userLease().toMillis());
    }

    /** What an admission decided. */
    public record Admission(boolean admitted, int gatewaysHolding) {
    }

    /** This gateway's count of one user's connections, {@code version} increasing with every change of it. */
    public record Count(long userId, int connections, long version) {
    }

    /**
     * Admits the connection counted in {@code count} (this gateway's count including it) unless the
     * user would then have more than {@code max} open across all gateways. Admissions asked for
     * while others are on their way go together in the next pipelined round trip, so that a burst
     * of upgrades needs a few Redis round trips rather than more client-pool slots than there are.
     */
    public Uni<Admission> admit(Count count, int max) {
        return Uni.createFrom().emitter(emitter -> {
            admissions.add(new PendingAdmission(count, max, emitter));
            sendAdmissions();
        });
    }

    private record PendingAdmission(Count count, int max, UniEmitter<? super Admission> answer) {
    }

    /** Sends what waits, unless a round trip is on its way (its end sends the rest). */
    private void sendAdmissions() {
        if (!admitting.compareAndSet(false, true)) {
            return;
        }
        List<PendingAdmission> batch = new ArrayList<>();
        for (PendingAdmission next; batch.size() < BATCH && (next = admissions.poll()) != null;) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            admitting.set(false);
            if (!admissions.isEmpty()) {
                sendAdmissions(); // one arrived after the poll
            }
            return;
        }
        LuaScript.batch(redis, byBody -> batch.stream()
                .map(admission -> script(ADMIT, byBody, admission.count()).arg(admission.max())).toList())
                .subscribe().with(replies -> {
                    for (int i = 0; i < batch.size(); i++) {
                        Response reply = replies.get(i);
                        batch.get(i).answer().complete(
                                new Admission(reply.get(0).toInteger() == 1, Math.max(1, reply.get(1).toInteger())));
                    }
                    admissionsSent();
                }, failure -> {
                    batch.forEach(admission -> admission.answer().fail(failure));
                    admissionsSent();
                });
    }

    private void admissionsSent() {
        admitting.set(false);
        if (!admissions.isEmpty()) {
            sendAdmissions();
        }
    }

    /**
     * Writes these counts (each unless a newer one is stored) and renews their leases, in pipelined
     * round trips of at most {@link #BATCH}. Returns the gateways holding each user's connections, in
     * order; fails if any round trip failed (writing them all again is harmless).
     */
    public Uni<List<Integer>> sync(List<Count> counts) {
        List<List<Count>> batches = new ArrayList<>();
        for (int from = 0; from < counts.size(); from += BATCH) {
            batches.add(counts.subList(from, Math.min(counts.size(), from + BATCH)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> LuaScript.batch(redis,
                        byBody -> batch.stream().map(count -> script(SYNC, byBody, count)).toList()))
                .collect().asList()
                .map(replies -> replies.stream().flatMap(List::stream).map(Response::toInteger).toList());
    }

    /** How often leases are renewed: well within their length, so one missed renewal loses nothing. */
    public long renewEveryMillis() {
        return leaseMillis / 3;
    }

    private Request script(LuaScript script, boolean byBody, Count count) {
        return script.call(byBody, 1).arg(key(count.userId())).arg(gateway).arg(leaseMillis)
                .arg(count.connections()).arg(count.version());
    }

    private String key(long userId) {
        return prefix + ":user-conns:" + userId;
    }
}
