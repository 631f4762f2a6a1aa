// Search in the open room: results with their time, newest first; a click shows the message in context.
import { api } from "./api.js";
import { $, el, timeElement } from "./dom.js";

export class Search {
  /** @param room () => the open Room, or null */
  constructor(room) {
    this.room = room;
    $("search").addEventListener("submit", (e) => { e.preventDefault(); this.run($("search-q").value.trim()); });
    $("close-results").addEventListener("click", () => this.close());
  }

  async run(q) {
    const room = this.room();
    if (!room || !q) { this.close(); return; }
    $("search-results").hidden = false;
    $("results-title").textContent = `Searching for \u201c${q}\u201d\u2026`;
    let page;
    try {
      page = await api.search(room.name, q);
    } catch (e) {
      $("results-title").textContent = `Search failed: ${e.message}`;
      $("results").replaceChildren();
      return;
    }
    const found = page.messages;
    $("results-title").textContent = found.length ? `${found.length} found for \u201c${q}\u201d` : `Nothing found for \u201c${q}\u201d`;
    $("results").replaceChildren(...found.map((m) => {
      const button = el("button", { type: "button", className: "row" },
        timeElement(m.sent_at), el("span", { className: "name", textContent: m.username }),
        el("span", { className: "sub", textContent: m.message || (m.image_url ? "image" : "voice message") }));
      button.addEventListener("click", () => room.showInContext(m.seq));
      return el("li", { dataset: { seq: m.seq } }, button);
    }));
  }

  /** Closes the results; forget: also empties the box (another room was opened). */
  close(forget = false) {
    if (forget) $("search-q").value = "";
    $("search-results").hidden = true;
    $("results").replaceChildren();
  }
}
