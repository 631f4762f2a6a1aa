package chat.message.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.message.config.MessageConfig;
import chat.message.service.SearchQuery;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks the text and limit of a search request; anything off is a 400 {@code bad_request}. */
@ApplicationScoped
public class SearchParams {

    private final MessageConfig.Search limits;

    public SearchParams(MessageConfig config) {
        this.limits = config.search();
    }

    /** The query; 400 for a missing or blank text, a text over the maximum length, or a limit outside 1..max. */
    public SearchQuery parse(String q, String limit) {
        if (q == null || q.isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "q (the text to search for) is required");
        }
        if (q.codePointCount(0, q.length()) > limits.maxQueryLength()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "q over " + limits.maxQueryLength() + " characters");
        }
        return new SearchQuery(q.strip(), HistoryParams.limit(limit, limits.defaultLimit(), limits.maxLimit()));
    }
}
