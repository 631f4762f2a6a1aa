package chat.events.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * W3C trace context in stream entries: the field {@code traceparent}
 * ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}) carries one message's trace from
 * the gateway through message-service to the delivering gateway. With the OpenTelemetry SDK
 * off the tracer is a no-op: its spans are invalid, no field is written and nothing is exported.
 * A malformed value is ignored (the work starts a trace of its own), never an error.
 */
public final class StreamTrace {

    /** The entry field. */
    public static final String FIELD = "traceparent";

    private StreamTrace() {
    }

    /** Starts a span that writes an entry: a child of the current context, or a new trace. */
    public static Span producing(Tracer tracer, String name) {
        return tracer.spanBuilder(name).setSpanKind(SpanKind.PRODUCER).startSpan();
    }

    /** Starts a span for work done on an entry, continuing the entry's trace when it carries a valid one. */
    public static Span consuming(Tracer tracer, String name, String traceparent) {
        SpanContext parent = parse(traceparent);
        var builder = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER);
        if (parent.isValid()) {
            builder.setParent(Context.root().with(Span.wrap(parent)));
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    /** The {@code traceparent} value of a span, or null when it has no valid context (SDK off). */
    public static String traceparent(Span span) {
        SpanContext c = span.getSpanContext();
        if (!c.isValid()) {
            return null;
        }
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    /** The remote context a {@code traceparent} names, or an invalid one when it is absent or malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != 55 || !traceparent.startsWith("00-")
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return SpanContext.getInvalid();
        }
        String flags = traceparent.substring(53);
        if (!isLowerHex(flags)) {
            return SpanContext.getInvalid();
        }
        // createFromRemoteParent checks the ids (lower-case hex, not all zeros): invalid otherwise
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(flags, 0), TraceState.getDefault());
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
