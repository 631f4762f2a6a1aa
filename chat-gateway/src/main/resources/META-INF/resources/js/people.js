// The people directory: everyone with an online dot and last seen, filterable; a click opens
// (creating it if needed) the private chat with that person.
import { api } from "./api.js";
import { $, el, ago } from "./dom.js";

export class People {
  /** @param me the caller; @param openRoom (name) opens a room */
  constructor(me, openRoom) {
    this.me = me;
    this.openRoom = openRoom;
    this.users = [];
    $("people-filter").addEventListener("input", () => this.render());
  }

  /** Display name of a private room: the other member's username. */
  nameOf(room) {
    const ids = room.match(/^private_(\d+)_(\d+)$/);
    if (!ids) return room;
    const other = Number(ids[1]) === this.me.user_id ? Number(ids[2]) : Number(ids[1]);
    return this.users.find((u) => u.user_id === other)?.username || "private chat";
  }

  async refresh() {
    try {
      this.users = await api.users();
    } catch {
      return; // keep the last list; the next refresh tries again
    }
    this.render();
  }

  render() {
    const filter = $("people-filter").value.trim().toLowerCase();
    const shown = this.users.filter((u) => u.user_id !== this.me.user_id && u.username.toLowerCase().includes(filter));
    $("people").replaceChildren(...shown.map((u) => this.item(u)));
    if (shown.length === 0) $("people").append(el("li", { className: "empty", textContent: filter ? "nobody by that name" : "nobody else yet" }));
  }

  item(u) {
    const button = el("button", { type: "button", className: "row" },
      el("span", { className: `presence ${u.online ? "on" : "off"}`, title: u.online ? "online" : "offline" }),
      el("span", { className: "name", textContent: u.username }),
      el("span", { className: "sub", textContent: u.online ? "online" : ago(u.last_seen) }));
    button.setAttribute("aria-label", `Chat with ${u.username}, ${u.online ? "online" : ago(u.last_seen)}`);
    button.addEventListener("click", () => this.open(u));
    return el("li", {}, button);
  }

  async open(u) {
    try {
      const { room } = await api.privateRoom(u.user_id);
      this.openRoom(room);
    } catch (e) {
      $("status").textContent = `cannot open a chat with ${u.username}: ${e.message}`;
    }
  }
}
