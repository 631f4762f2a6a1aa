package chat.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native executables: the stream records are read and written by {@link StreamCodec}'s own
 * Jackson mapper, which no REST signature reveals to the native build, so they are registered
 * for reflection here (class literals: a renamed record fails the compile, not the native run).
 */
@RegisterForReflection(targets = {SendMessage.class, MediaUpload.class, MediaUpload.Kind.class, MarkRead.class,
        PresenceCommand.class, PresenceCommand.Kind.class, RoomEvent.class, Origin.class})
final class NativeRegistration {

    private NativeRegistration() {
    }
}
