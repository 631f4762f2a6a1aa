// The open room: history (older pages on scroll-up), live messages in seq order once each,
// my messages from "sending" to stored to read, read receipts, typing and who is online.
// A search result opens the thread around it, detached from the live end until the reader
// comes back down (or jumps to the latest).
import { api } from "./api.js";
import { $, el } from "./dom.js";
import { messageItem, setState } from "./message-view.js";
import { RoomSocket } from "./socket.js";

const PAGE = 50;
const TYPING_SHOWN_MS = 4000;

export class Room {
  constructor(name, me, hooks) {
    this.name = name;
    this.me = me;
    this.hooks = hooks; // { status(text), connected(yes), online(users), typing(text), image(src, alt), changed(room) }
    this.isPrivate = name.startsWith("private_");
    this.items = new Map();    // seq -> <li>
    this.pending = new Map();  // client_id -> { li, frame, state }
    this.pointers = new Map(); // other readers: user_id -> seq read up to
    this.typists = new Map();  // username -> timer
    this.firstSeq = 0;         // oldest seq shown
    this.lastSeq = 0;          // newest seq this client has (shown or, while detached, received)
    this.detached = false;     // showing an older part of the thread (search context)
    this.hasOlder = true;
    this.readSent = 0;
    this.list = $("messages");
    this.thread = $("thread");
  }

  async open() {
    this.list.replaceChildren();
    await this.loadLatest();
    if (this.closed) return; // another room was opened meanwhile
    this.socket = new RoomSocket(this.name, () => this.lastSeq, {
      frame: (f) => this.onFrame(f),
      state: (s, delay) => this.onSocketState(s, delay),
    });
    this.socket.connect();
    this.showPresence();
  }

  /** Who is online here, from presence-service, until the socket's first user_list says it. */
  async showPresence() {
    try {
      const presence = await api.presence(this.name);
      if (!this.closed && !this.heardUserList) this.hooks.online(presence.users.map((u) => u.username));
    } catch {
      // the user_list frame will tell
    }
  }

  close() {
    this.closed = true;
    clearTimeout(this.readTimer);
    if (this.socket) this.socket.close();
    this.typists.forEach(clearTimeout);
  }

  async loadLatest() {
    const page = await this.fetchPage({ limit: PAGE });
    if (!page) return;
    this.list.replaceChildren();
    this.items.clear();
    this.detached = false;
    $("jump-latest").hidden = true;
    this.hasOlder = page.messages.length === PAGE;
    this.firstSeq = page.messages.length ? page.messages[0].seq : 0;
    this.takePointers(page);
    page.messages.forEach((m) => this.append(m));
    this.lastSeq = Math.max(this.lastSeq, this.newestShown());
    this.refreshStates();
    this.scrollToEnd();
    this.markRead();
  }

  /** A page of this room's history; null if it failed or the room was closed meanwhile. */
  async fetchPage(params) {
    try {
      const page = await api.history(this.name, params);
      return this.closed ? null : page;
    } catch (e) {
      if (this.closed) return null;
      this.hooks.status(e.status === 403 ? "you are not a member of this chat" : "history unavailable, retrying\u2026");
      if (e.status !== 403) setTimeout(() => { if (!this.closed && this.items.size === 0) this.loadLatest(); }, 3000);
      return null;
    }
  }

  takePointers(page) {
    for (const p of page.read_pointers || []) {
      if (p.user_id !== this.me.user_id) this.pointers.set(p.user_id, Math.max(p.seq, this.pointers.get(p.user_id) || 0));
    }
  }

  newestShown() {
    const last = this.list.lastElementChild;
    return last && last.dataset.seq ? Number(last.dataset.seq) : 0;
  }

  /** Older history, when the reader scrolls to the top. */
  async loadOlder() {
    if (this.loadingOlder || !this.hasOlder || this.firstSeq <= 1) return;
    this.loadingOlder = true;
    $("older").textContent = "loading older messages\u2026";
    const page = await this.fetchPage({ before_seq: this.firstSeq, limit: PAGE });
    this.loadingOlder = false;
    $("older").textContent = "";
    if (!page) return;
    this.hasOlder = page.messages.length === PAGE;
    if (!this.hasOlder) $("older").textContent = "the beginning of this chat";
    const height = this.thread.scrollHeight;
    const fragment = document.createDocumentFragment();
    for (const m of page.messages) {
      if (this.items.has(m.seq)) continue;
      const li = this.render(m);
      fragment.append(li);
    }
    this.list.prepend(fragment);
    if (page.messages.length) this.firstSeq = page.messages[0].seq;
    this.takePointers(page);
    this.refreshStates();
    this.thread.scrollTop += this.thread.scrollHeight - height; // keep what the reader was looking at in place
  }

  /** Newer history while detached; back at the live end when the page comes up short. */
  async loadNewer() {
    if (this.loadingNewer || !this.detached) return;
    this.loadingNewer = true;
    const page = await this.fetchPage({ after_seq: this.newestShown(), limit: PAGE });
    this.loadingNewer = false;
    if (!page) return;
    page.messages.forEach((m) => this.append(m));
    if (page.messages.length < PAGE) {
      this.detached = false;
      $("jump-latest").hidden = true;
      this.markRead();
    }
  }

  /** Shows the thread around one message (a search result) and highlights it. */
  async showInContext(seq) {
    if (!this.items.has(seq)) {
      const page = await this.fetchPage({ after_seq: Math.max(0, seq - PAGE / 2), limit: PAGE });
      if (!page) return;
      this.list.replaceChildren();
      this.items.clear();
      this.detached = page.messages.length && page.messages[page.messages.length - 1].seq < this.lastSeq;
      $("jump-latest").hidden = !this.detached;
      this.firstSeq = page.messages.length ? page.messages[0].seq : 0;
      this.hasOlder = this.firstSeq > 1;
      this.takePointers(page);
      page.messages.forEach((m) => this.append(m));
      this.refreshStates();
    }
    const li = this.items.get(seq);
    if (!li) return;
    this.list.querySelectorAll(".highlight").forEach((n) => n.classList.remove("highlight"));
    li.classList.add("highlight");
    li.scrollIntoView({ block: "center" });
  }

  render(m) {
    const mine = m.user_id === this.me.user_id;
    const li = messageItem(m, mine, this.hooks.image);
    this.keepEndWhileLoading(li);
    this.items.set(m.seq, li);
    if (mine) setState(li, "sent");
    return li;
  }

  /** Adds a message at the end unless it is there already (history and live overlap; resume replays). */
  append(m) {
    if (this.items.has(m.seq)) return false;
    const pending = m.client_id && m.user_id === this.me.user_id ? this.pending.get(m.client_id) : null;
    const li = this.render(m);
    if (pending) {
      pending.li.replaceWith(li);
      this.pending.delete(m.client_id);
      return true;
    }
    // keep seq order even if a page and a live message cross
    let after = this.list.lastElementChild;
    while (after && (!after.dataset.seq || Number(after.dataset.seq) > m.seq)) after = after.previousElementSibling;
    if (after) after.after(li); else this.list.prepend(li); // before my unsent ones, which have no seq yet
    return true;
  }

  onFrame(f) {
    switch (f.type) {
      case "chat_message": this.onMessage(f); break;
      case "ack": this.onAck(f); break;
      case "message_read": this.onRead(f); break;
      case "typing": this.onTyping(f); break;
      case "user_list": this.heardUserList = true; this.hooks.online(f.users || []); break;
      case "error": this.onError(f); break;
      default: break;
    }
  }

  onMessage(m) {
    const known = this.items.get(m.seq);
    if (known && known.dataset.local) {
      // acked before it arrived: the stored message (with its media URLs) replaces my local copy
      const li = this.render(m);
      known.replaceWith(li);
      this.refreshStates();
      return;
    }
    if (known) return;
    this.lastSeq = Math.max(this.lastSeq, m.seq);
    this.stopTyping(m.username);
    if (this.detached) { $("jump-latest").hidden = false; this.hooks.changed(this.name); return; }
    const nearEnd = this.thread.scrollHeight - this.thread.scrollTop - this.thread.clientHeight < 150;
    if (!this.append(m)) return;
    this.refreshStates();
    if (nearEnd || m.user_id === this.me.user_id) this.scrollToEnd(); else $("jump-latest").hidden = false;
    this.markRead();
    this.hooks.changed(this.name);
  }

  onAck(a) {
    const p = this.pending.get(a.client_id);
    if (!p) return;
    // the ack may come before the message itself: the item takes its place in the seq order then
    p.state = "sent";
    setState(p.li, "sent");
    p.li.dataset.seq = a.seq;
    p.li.dataset.messageId = a.message_id;
    if (!this.items.has(a.seq)) {
      this.items.set(a.seq, p.li);
    } else {
      p.li.remove();
    }
    this.pending.delete(a.client_id);
    this.refreshStates();
    this.markRead(a.message_id, a.seq);
  }

  onError(e) {
    const p = e.client_id ? this.pending.get(e.client_id) : null;
    if (p) {
      p.state = "failed";
      setState(p.li, "failed", 0, () => this.retry(e.client_id));
      this.hooks.status(e.code === "unavailable" ? "not sent: the chat is briefly unavailable" : `not sent: ${e.reason}`);
    } else if (e.code === "unavailable") {
      // the replay of a resume failed: ask again shortly, from what this client has
      this.hooks.status("catching up\u2026");
      setTimeout(() => {
        if (!this.closed && this.socket?.send({ type: "resume", after_seq: this.lastSeq })) this.hooks.status("connected");
      }, 1000);
    } else {
      this.hooks.status(e.reason || e.code);
    }
  }

  onRead(r) {
    if (r.user_id === this.me.user_id) return;
    const li = [...this.items.values()].find((n) => Number(n.dataset.messageId) === r.message_id);
    if (!li) return;
    this.pointers.set(r.user_id, Math.max(Number(li.dataset.seq), this.pointers.get(r.user_id) || 0));
    this.refreshStates();
  }

  /** Ticks of my messages from the other readers' pointers. */
  refreshStates() {
    const seqs = [...this.pointers.values()];
    for (const li of this.list.querySelectorAll("li.mine[data-seq]")) {
      if (this.pending.has(li.dataset.clientId)) continue;
      const seq = Number(li.dataset.seq);
      const readers = seqs.filter((s) => s >= seq).length;
      if (readers === 0) setState(li, "sent");
      else if (this.isPrivate) setState(li, "read");
      else setState(li, "seen", readers);
    }
  }

  /** Tells the others how far I have read (the newest message shown), once the page is in view. */
  markRead(messageId, seq) {
    if (this.detached || document.visibilityState !== "visible") return;
    let id = messageId, at = seq;
    if (!id) {
      const last = [...this.list.querySelectorAll("li[data-seq]")].pop();
      if (!last) return;
      id = Number(last.dataset.messageId); at = Number(last.dataset.seq);
    }
    if (!id || at <= this.readSent) return;
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      if (at > this.readSent && this.socket?.send({ type: "message_read", message_id: id })) this.readSent = at;
    }, 300);
  }

  onTyping(t) {
    if (t.user_id === this.me.user_id) return;
    clearTimeout(this.typists.get(t.username));
    this.typists.set(t.username, setTimeout(() => this.stopTyping(t.username), TYPING_SHOWN_MS));
    this.showTyping();
  }

  stopTyping(username) {
    if (!this.typists.has(username)) return;
    clearTimeout(this.typists.get(username));
    this.typists.delete(username);
    this.showTyping();
  }

  showTyping() {
    const names = [...this.typists.keys()];
    this.hooks.typing(names.length === 0 ? "" : names.length === 1 ? `${names[0]} is typing\u2026`
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are typing\u2026`);
  }

  onSocketState(state) {
    const text = { connecting: "connecting\u2026", reconnecting: "reconnecting\u2026", open: "connected" }[state];
    this.hooks.status(text || "");
    if (state === "open") {
      this.hooks.connected(true);
      // what was not acked before the drop goes again, with the same client_id (never stored twice)
      for (const [clientId, p] of this.pending) if (p.state === "sending") this.socket.send(p.frame);
      this.markRead();
    }
  }

  /** Sends a message frame (text, image or voice), shown at once as "sending". */
  send(frame, preview) {
    const clientId = crypto.randomUUID();
    const full = { ...frame, client_id: clientId };
    const li = messageItem({ ...preview, username: this.me.username, client_id: clientId }, true, this.hooks.image);
    li.dataset.local = "1";
    this.keepEndWhileLoading(li);
    this.list.append(li);
    setState(li, "sending");
    this.pending.set(clientId, { li, frame: full, state: "sending" });
    this.socket?.send(full); // while reconnecting it waits, and goes out once the socket is open again
    this.scrollToEnd();
  }

  retry(clientId) {
    const p = this.pending.get(clientId);
    if (!p) return;
    p.state = "sending";
    setState(p.li, "sending");
    this.socket?.send(p.frame);
  }

  typing() {
    const now = Date.now();
    if (now - (this.lastTyping || 0) < 2500) return;
    if (this.socket?.send({ type: "typing" })) this.lastTyping = now;
  }

  /** An image that finishes loading grows its message: a reader at the end stays at the end. */
  keepEndWhileLoading(li) {
    const img = li.querySelector("img");
    if (!img) return;
    const distanceFromEnd = () => this.thread.scrollHeight - this.thread.scrollTop - this.thread.clientHeight;
    img.addEventListener("load", () => { if (!this.detached && distanceFromEnd() < 150 + img.height) this.scrollToEnd(); }, { once: true });
  }

  scrollToEnd() {
    this.thread.scrollTop = this.thread.scrollHeight;
    $("jump-latest").hidden = true;
  }

  onScroll() {
    if (this.thread.scrollTop < 80) this.loadOlder();
    const atEnd = this.thread.scrollHeight - this.thread.scrollTop - this.thread.clientHeight < 80;
    if (atEnd && this.detached) this.loadNewer();
    if (atEnd && !this.detached) { $("jump-latest").hidden = true; this.markRead(); }
  }
}
