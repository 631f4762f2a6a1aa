// My conversations: rooms I read in and my private chats, newest activity first, with the
// newest message and how many messages I have not read. Refreshed every few seconds while
// the page is visible, and at once when something happens in the open room.
import { api } from "./api.js";
import { $, el, timeElement } from "./dom.js";

const REFRESH_MS = 4000;

export class Conversations {
  /** @param people the directory (names of private rooms); @param openRoom (name); @param current () => open room name */
  constructor(people, openRoom, current) {
    this.people = people;
    this.openRoom = openRoom;
    this.current = current;
    this.list = [];
    setInterval(() => { if (document.visibilityState === "visible") this.refresh(); }, REFRESH_MS);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") this.refresh(); });
  }

  /** Soon, not at once: several events in a row make one request. */
  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 400);
  }

  async refresh() {
    try {
      this.list = (await api.conversations()).conversations;
    } catch {
      return;
    }
    this.render();
  }

  render() {
    const open = this.current();
    const entries = [...this.list];
    if (open && !entries.some((c) => c.room === open)) entries.unshift({ room: open, newest_message: null, unread: 0 });
    $("conversations").replaceChildren(...entries.map((c) => this.item(c, c.room === open)));
  }

  item(c, open) {
    const m = c.newest_message;
    const name = this.people.nameOf(c.room);
    const preview = !m ? "no messages yet" : m.message ? `${m.username}: ${m.message}`
      : `${m.username}: ${m.image_url ? "image" : m.audio_url ? "voice message" : ""}`;
    const unread = open ? 0 : c.unread;
    const button = el("button", { type: "button", className: `row${open ? " current" : ""}` },
      el("span", { className: `kind ${c.room.startsWith("private_") ? "private" : "public"}`, textContent: c.room.startsWith("private_") ? "@" : "#" }),
      el("span", { className: "name", textContent: name }),
      m ? timeElement(m.sent_at) : null,
      el("span", { className: "sub", textContent: preview }),
      unread > 0 ? el("span", { className: "badge", textContent: unread >= 100 ? "99+" : String(unread) }) : null);
    button.setAttribute("aria-label", `${name}${unread ? `, ${unread} unread` : ""}`);
    if (open) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => this.openRoom(c.room));
    return el("li", { dataset: { room: c.room } }, button);
  }
}
