/**
 * Request body limits (issue 8). The server-wide limit is small so that nobody, signed in or not, can
 * make the server read and parse a large JSON document; a route whose contract carries long texts
 * (case reports, recommendation letters) declares `bodyLimit: LARGE_JSON_BODY_LIMIT`. File uploads are
 * multipart: their size is bounded by the multipart limits of each upload route, not by these.
 */
export const JSON_BODY_LIMIT = 256 * 1024;

/** For routes with several long free texts (e.g. four report fields of up to 50 000 characters each). */
export const LARGE_JSON_BODY_LIMIT = 1024 * 1024;
