package chat.media.service;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;

/** An upload refused for good (no retry helps): an error frame on the stream, a REST refusal over HTTP. */
public class MediaRejected extends ApiException {

    public MediaRejected(ErrorCode code, String reason) {
        super(code, reason);
    }
}
