// Entry of the web client: who am I (else the welcome page), then the chats, the people
// directory and the open room. The open room is in the address (#room=NAME), so a reload
// or a shared link opens it again.
import { api } from "./api.js";
import { $, el } from "./dom.js";
import { Composer } from "./composer.js";
import { Conversations } from "./conversations.js";
import { People } from "./people.js";
import { Room } from "./room.js";
import { Search } from "./search.js";
import { VoiceRecorder } from "./voice.js";
import { showWelcome } from "./welcome.js";

let room = null;

async function start() {
  let me;
  try {
    me = await api.me();
  } catch (e) {
    if (e.status === 401) { showWelcome(); return; }
    $("welcome").hidden = false;
    $("welcome").querySelector("h2").textContent = "The chat is unavailable right now; reload in a moment.";
    return;
  }
  $("me").textContent = me.username;
  $("logout").hidden = false;
  $("app").hidden = false;

  const people = new People(me, (name) => openRoom(name));
  const conversations = new Conversations(people, (name) => openRoom(name), () => room?.name);
  const composer = new Composer(() => room);
  new VoiceRecorder(() => room, (text) => composer.error(text));
  const search = new Search(() => room);

  const hooks = {
    status: (text) => { $("status").textContent = text; },
    connected: (yes) => composer.enable(yes),
    online: (users) => {
      $("online-summary").textContent = `Online (${users.length})`;
      $("online-users").replaceChildren(...users.map((u) => el("li", { textContent: u })));
    },
    typing: (text) => { $("typing").textContent = text; },
    image: (src, alt) => { $("lightbox-image").src = src; $("lightbox-image").alt = alt; $("lightbox").showModal(); },
    changed: () => conversations.soon(),
  };

  async function openRoom(name) {
    if (room && room.name === name) { showRoom(); return; }
    if (room) room.close();
    room = new Room(name, me, hooks);
    history.replaceState(null, "", `#${new URLSearchParams({ room: name })}`);
    $("room-title").textContent = people.nameOf(name);
    $("typing").textContent = "";
    $("online-users").replaceChildren();
    $("online-summary").textContent = "Online";
    $("older").textContent = "";
    composer.enable(false);
    search.close(true);
    showRoom();
    conversations.render();
    await room.open();
    conversations.soon();
    $("text").focus();
  }

  function showRoom() { document.body.classList.add("in-room"); }
  $("back").addEventListener("click", () => document.body.classList.remove("in-room"));
  $("thread").addEventListener("scroll", () => room?.onScroll(), { passive: true });
  $("jump-latest").addEventListener("click", () => room?.loadLatest());
  $("join").addEventListener("submit", (e) => { e.preventDefault(); openRoom($("room-name").value.trim()); $("room-name").value = ""; });
  document.addEventListener("visibilitychange", () => room?.markRead());
  for (const [tab, panel, other, otherPanel] of [["tab-chats", "chats-panel", "tab-people", "people-panel"],
    ["tab-people", "people-panel", "tab-chats", "chats-panel"]]) {
    $(tab).addEventListener("click", () => {
      $(tab).setAttribute("aria-pressed", "true"); $(other).setAttribute("aria-pressed", "false");
      $(panel).hidden = false; $(otherPanel).hidden = true;
      document.body.classList.remove("in-room");
      if (tab === "tab-people") { people.refresh(); $("people-filter").focus(); }
    });
  }
  setInterval(() => { if (!$("people-panel").hidden && document.visibilityState === "visible") people.refresh(); }, 15000);

  await people.refresh();
  conversations.refresh();
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get("room");
  await openRoom(fromAddress && /^[A-Za-z0-9_-]{1,64}$/.test(fromAddress) ? fromAddress : "lobby");
}

start();
