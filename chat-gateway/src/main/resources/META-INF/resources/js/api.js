// JSON calls to the gateway's /api (same origin: the session cookie authenticates them).

/** A refused call: its HTTP status and the server's {code, reason}. */
export class ApiError extends Error {
  constructor(status, code, reason) {
    super(reason || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function call(path, { method = "GET", body } = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) throw new ApiError(res.status, json?.code, json?.reason);
  return json;
}

const room = (name) => encodeURIComponent(name);

// one statement per call, each with its method next to its path (the contract test reads them so)
export const api = {
  me() { return call("/api/users/me"); },
  users() { return call("/api/users"); },
  signup(username, password) { return call("/api/signup", { method: "POST", body: { username, password } }); },
  privateRoom(userId) { return call("/api/private-rooms", { method: "POST", body: { user_id: userId } }); },
  conversations() { return call("/api/conversations"); },
  history(name, params) { return call(`/api/rooms/${room(name)}/messages?${new URLSearchParams(params)}`); },
  presence(name) { return call(`/api/rooms/${room(name)}/presence`); },
  search(name, q) { return call(`/api/rooms/${room(name)}/search?${new URLSearchParams({ q })}`); },
};
