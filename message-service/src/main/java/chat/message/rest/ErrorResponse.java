package chat.message.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The error answer of every endpoint (PROTOCOL.md).
 *
 * @param code   machine-readable code, e.g. {@code bad_request}
 * @param reason human-readable explanation
 */
@Schema(name = "Error", description = "Error answer")
public record ErrorResponse(String code, String reason) {
}
