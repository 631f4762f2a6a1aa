// JSON calls to the gateway's /api (same origin: the session cookie authenticates them).

/** A refused call: its HTTP status and the server's {code, reason}. */
export class ApiError extends Error {
  constructor(status, code, reason) {
    super(reason || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body) {
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

export const api = {
  me: () => call("GET", "/api/users/me"),
  users: () => call("GET", "/api/users"),
  signup: (username, password) => call("POST", "/api/signup", { username, password }),
  privateRoom: (userId) => call("POST", "/api/private-rooms", { user_id: userId }),
  conversations: () => call("GET", "/api/conversations"),
  history: (name, params) => call("GET", `/api/rooms/${room(name)}/messages?${new URLSearchParams(params)}`),
  presence: (name) => call("GET", `/api/rooms/${room(name)}/presence`),
  search: (name, q) => call("GET", `/api/rooms/${room(name)}/search?${new URLSearchParams({ q })}`),
};
