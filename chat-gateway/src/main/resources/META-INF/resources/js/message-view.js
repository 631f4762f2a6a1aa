// One message as a list item: sender, time, text with safe links, image, voice player, and
// (for my own messages) its delivery state: sending, stored (one tick), read (two ticks /
// "seen by N"), or not sent with a Retry button.
import { el, linkified, timeElement, clock } from "./dom.js";

/** Media URLs the server gives are under /api/media/; local previews are blob: URLs. Anything else is ignored. */
const media = (url) => (typeof url === "string" && (url.startsWith("/api/media/") || url.startsWith("blob:")) ? url : null);

/** Builds the <li> of a chat_message frame (or of a message still being sent). */
export function messageItem(m, mine, onImage) {
  const li = el("li", { className: `msg ${mine ? "mine" : "theirs"}` });
  if (m.seq) li.dataset.seq = m.seq;
  if (m.message_id) li.dataset.messageId = m.message_id;
  if (m.client_id) li.dataset.clientId = m.client_id;
  const bubble = el("div", { className: "bubble" },
    el("div", { className: "meta" }, el("span", { className: "who", textContent: m.username || "" }),
      m.sent_at ? timeElement(m.sent_at) : el("time", { textContent: "now" })));
  if (m.message) bubble.append(el("p", { className: "text" }, ...linkified(m.message)));
  const image = media(m.image_thumb_url) || media(m.image_url) || media(m.local_image);
  if (image) {
    const img = el("img", { src: image, alt: `Image from ${m.username || "me"}`, className: "image" });
    const full = media(m.image_url) || media(m.local_image) || image;
    const link = el("a", { href: full, className: "image-link", title: "Open full size" }, img);
    link.addEventListener("click", (e) => { e.preventDefault(); onImage(full, img.alt); });
    bubble.append(link);
  }
  const audio = media(m.audio_url) || media(m.local_audio);
  if (audio) bubble.append(voicePlayer(audio, m.audio_duration_ms));
  if (mine) bubble.append(el("span", { className: "state" }));
  li.append(bubble);
  return li;
}

/** A voice message player (native controls: play, pause, seek), its duration shown when known. */
function voicePlayer(src, durationMs) {
  const audio = el("audio", { controls: true, preload: "metadata", src, className: "voice" });
  audio.setAttribute("aria-label", "Voice message");
  const length = el("span", { className: "duration", textContent: durationMs ? clock(durationMs) : "" });
  // Recordings made by MediaRecorder carry no duration: seeking past the end once makes
  // the browser work it out, after which the seek bar works.
  audio.addEventListener("loadedmetadata", () => {
    if (audio.duration === Infinity || Number.isNaN(audio.duration)) {
      const restore = () => {
        audio.removeEventListener("durationchange", restore);
        audio.currentTime = 0;
        if (!durationMs && Number.isFinite(audio.duration)) length.textContent = clock(audio.duration * 1000);
      };
      audio.addEventListener("durationchange", restore);
      audio.currentTime = 1e7;
    } else if (!durationMs) {
      length.textContent = clock(audio.duration * 1000);
    }
  });
  return el("div", { className: "voice-message" }, audio, length);
}

/** Shows the delivery state of one of my messages. */
export function setState(li, state, seenBy = 0, retry = null) {
  const slot = li.querySelector(".state");
  if (!slot) return;
  li.dataset.state = state;
  slot.replaceChildren();
  if (state === "sending") { slot.textContent = "sending\u2026"; slot.title = "Sending"; }
  if (state === "sent") { slot.textContent = "\u2713"; slot.title = "Stored"; }
  if (state === "read") { slot.textContent = "\u2713\u2713"; slot.title = "Read"; }
  if (state === "seen") { slot.textContent = `\u2713 seen by ${seenBy}`; slot.title = `Seen by ${seenBy}`; }
  if (state === "failed") {
    const button = el("button", { type: "button", className: "link", textContent: "Retry" });
    button.addEventListener("click", retry);
    slot.append(el("span", { className: "error", textContent: "not sent " }), button);
  }
}
