// One room's WebSocket: reconnects by itself with exponential backoff and full jitter, and
// asks for everything after the last seq it was given on every (re)connect, so that a
// reconnect misses nothing and an empty room catches up too (after_seq 0).

const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
const MAX_DELAY_MS = 15000;
const STABLE_AFTER_MS = 5000;

export class RoomSocket {
  /**
   * @param room      room name
   * @param lastSeq   () => the last seq the caller has (0: none)
   * @param handlers  { frame(f), state(name, detail) } with name "connecting" | "open" | "reconnecting" | "closed"
   */
  constructor(room, lastSeq, handlers) {
    this.room = room;
    this.lastSeq = lastSeq;
    this.handlers = handlers;
    this.attempt = 0;
    this.stopped = false;
    this.ws = null;
  }

  get open() { return this.ws !== null && this.ws.readyState === WebSocket.OPEN; }

  connect() {
    if (this.stopped) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const path = this.room.startsWith("private_") ? "/ws/chat/private/" : "/ws/chat/";
    const ws = new WebSocket(`${scheme}://${location.host}${path}${encodeURIComponent(this.room)}/`);
    this.ws = ws;
    this.handlers.state(this.everOpen ? "reconnecting" : "connecting");
    ws.addEventListener("open", () => {
      this.openedAt = Date.now();
      this.everOpen = true;
      ws.send(JSON.stringify({ type: "resume", after_seq: this.lastSeq() }));
      this.keepAlive(ws);
      this.handlers.state("open");
    });
    ws.addEventListener("message", (event) => {
      this.lastHeard = Date.now();
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.type !== "pong") this.handlers.frame(frame);
    });
    ws.addEventListener("close", () => {
      clearInterval(this.pinger);
      if (this.ws !== ws || this.stopped) return;
      this.ws = null;
      // back off from the first delay again only after a connection that lasted: one the
      // server closes at once (overloaded, refusing) must not turn into a reconnect storm
      if (this.openedAt && Date.now() - this.openedAt > STABLE_AFTER_MS) this.attempt = 0;
      this.openedAt = 0;
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** this.attempt++);
      const jittered = delay / 2 + Math.random() * delay / 2;
      this.handlers.state("reconnecting", jittered);
      this.retry = setTimeout(() => this.connect(), jittered);
    });
  }

  /** Pings now and then; a socket that stays silent after a ping is dead (half-open network): closed and redialled. */
  keepAlive(ws) {
    this.lastHeard = Date.now();
    clearInterval(this.pinger);
    this.pinger = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastHeard > PING_EVERY_MS + PONG_WITHIN_MS) { ws.close(); return; }
      ws.send(JSON.stringify({ type: "ping" }));
    }, PING_EVERY_MS);
  }

  /** Sends a frame if connected; false otherwise (the caller keeps it for later). */
  send(frame) {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  close() {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.pinger);
    if (this.ws) this.ws.close(1000);
    this.ws = null;
  }
}
