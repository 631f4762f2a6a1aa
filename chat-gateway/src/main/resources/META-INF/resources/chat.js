// Web client of the chat engine: the browser session set by /login authenticates both the
// API calls and the WebSocket (same origin). User text is only ever set as textContent.
"use strict";

const state = { room: null, socket: null, lastSeq: 0, me: null, retry: 0, typingTimer: null, lastTypingSent: 0 };
const $ = (id) => document.getElementById(id);

async function start() {
  const res = await fetch("/api/users/me", { credentials: "same-origin" });
  if (res.status === 401) { $("login").hidden = false; return; }
  state.me = await res.json();
  $("me").textContent = state.me.username;
  $("logout").hidden = false;
  $("app").hidden = false;
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) $("room").value = fromHash;
  join($("room").value);
}

function join(room) {
  if (state.socket) { state.socket.onclose = null; state.socket.close(); }
  state.room = room; state.lastSeq = 0; state.retry = 0; state.readUpTo = 0; state.readSent = 0;
  location.hash = encodeURIComponent(room);
  $("text").disabled = true; $("sendButton").disabled = true;
  status("connecting\u2026");
  $("title").textContent = room;
  $("messages").replaceChildren();
  $("users").replaceChildren();
  loadHistory(room).then(connect);
}

async function loadHistory(room) {
  const res = await fetch(`/api/rooms/${encodeURIComponent(room)}/messages?limit=100`, { credentials: "same-origin" });
  if (!res.ok) { status(`history unavailable (${res.status})`); return; }
  const page = await res.json();
  page.messages.forEach(show);
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/chat/${encodeURIComponent(state.room)}/`);
  state.socket = socket;
  socket.onopen = () => {
    status("connected"); state.retry = 0;
    $("text").disabled = false; $("sendButton").disabled = false;
    if (state.lastSeq > 0) socket.send(JSON.stringify({ type: "resume", after_seq: state.lastSeq }));
  };
  socket.onmessage = (event) => onFrame(JSON.parse(event.data));
  socket.onclose = () => {
    $("text").disabled = true; $("sendButton").disabled = true;
    const delay = Math.min(30000, 500 * 2 ** state.retry++);
    status(`disconnected; reconnecting in ${Math.round(delay / 1000)} s`);
    setTimeout(() => { if (state.socket === socket) connect(); }, delay);
  };
}

function onFrame(frame) {
  switch (frame.type) {
    case "chat_message": show(frame); break;
    case "ack": markAcked(frame); break;
    case "user_list": showUsers(frame.users); break;
    case "typing": showTyping(frame.username); break;
    case "message_read": markRead(frame); break;
    case "error": status(`${frame.code}: ${frame.reason}`); break;
  }
}

function show(m) {
  if (m.seq <= state.lastSeq) return; // already shown (history and live overlap)
  state.lastSeq = m.seq;
  const li = document.createElement("li");
  li.dataset.messageId = m.message_id;
  const meta = document.createElement("span"); meta.className = "meta"; meta.textContent = m.timestamp;
  const who = document.createElement("span"); who.className = "who"; who.textContent = m.username;
  const body = document.createElement("span"); appendLinkified(body, m.message || "");
  li.append(meta, who, body);
  if (m.image_url) {
    // the preview in the thread, the full image one click away
    const link = document.createElement("a"); link.href = m.image_url; link.target = "_blank"; link.rel = "noopener";
    const img = document.createElement("img"); img.src = m.image_thumb_url || m.image_url; img.alt = "image"; img.style.maxWidth = "20rem";
    link.append(img); li.append(link);
  }
  if (m.audio_url) { const audio = document.createElement("audio"); audio.controls = true; audio.src = m.audio_url; li.append(audio); }
  if (state.me && m.user_id === state.me.user_id) {
    const tick = document.createElement("span"); tick.className = "tick"; tick.textContent = "\u2713"; li.append(tick);
  }
  $("messages").append(li);
  li.scrollIntoView({ block: "end" });
  if (m.user_id !== state.me?.user_id) scheduleRead(m.message_id);
}

// One read receipt for the newest message shown, not one per message (reads cover everything before).
function scheduleRead(messageId) {
  state.readUpTo = Math.max(state.readUpTo || 0, messageId);
  clearTimeout(state.readTimer);
  state.readTimer = setTimeout(() => {
    if (state.socket && state.socket.readyState === WebSocket.OPEN && state.readUpTo > (state.readSent || 0)) {
      state.readSent = state.readUpTo;
      state.socket.send(JSON.stringify({ type: "message_read", message_id: state.readUpTo }));
    }
  }, 500);
}

// Links become anchors built from text nodes: only http(s) URLs, never HTML from the message.
function appendLinkified(parent, text) {
  const url = /\bhttps?:\/\/[^\s<>"']+/g;
  let last = 0, match;
  while ((match = url.exec(text)) !== null) {
    parent.append(document.createTextNode(text.slice(last, match.index)));
    const a = document.createElement("a");
    a.href = match[0]; a.textContent = match[0]; a.rel = "noopener noreferrer nofollow"; a.target = "_blank";
    parent.append(a);
    last = match.index + match[0].length;
  }
  parent.append(document.createTextNode(text.slice(last)));
}

function markAcked(ack) {
  const li = document.querySelector(`li[data-message-id="${Number(ack.message_id)}"] .tick`);
  if (li) li.textContent = "\u2713";
}

function markRead(read) {
  if (read.user_id === state.me?.user_id) return;
  document.querySelectorAll("#messages li").forEach((li) => {
    const tick = li.querySelector(".tick");
    if (tick && Number(li.dataset.messageId) <= read.message_id) tick.textContent = "\u2713\u2713";
  });
}

function showUsers(users) {
  $("users").replaceChildren(...users.map((u) => { const li = document.createElement("li"); li.textContent = u; return li; }));
}

function showTyping(username) {
  $("typing").textContent = `${username} is typing\u2026`;
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(() => { $("typing").textContent = ""; }, 3000);
}

function status(text) { $("status").textContent = text; }

$("join").addEventListener("submit", (e) => { e.preventDefault(); join($("room").value); });
$("send").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("text").value;
  if (!text.trim() || !state.socket || state.socket.readyState !== WebSocket.OPEN) return;
  state.socket.send(JSON.stringify({ type: "message", message: text, client_id: crypto.randomUUID() }));
  $("text").value = "";
});
$("text").addEventListener("input", () => {
  const now = Date.now();
  if (state.socket && now - state.lastTypingSent > 2000) {
    state.lastTypingSent = now;
    state.socket.send(JSON.stringify({ type: "typing" }));
  }
});
start();
