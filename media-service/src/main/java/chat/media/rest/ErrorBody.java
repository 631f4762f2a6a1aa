package chat.media.rest;

/**
 * Every error answer of the REST API (PROTOCOL.md section 4).
 *
 * @param code   machine-readable code
 * @param reason human-readable text
 */
public record ErrorBody(String code, String reason) {

    public static final String NOT_FOUND = "not_found";
    public static final String RANGE_NOT_SATISFIABLE = "range_not_satisfiable";
}
