// Small DOM helpers. User text only ever becomes text nodes (never HTML); links are anchors
// built here, for http(s) URLs only.

export const $ = (id) => document.getElementById(id);

/** An element with properties (className, textContent, dataset...) and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/g;

/** The text as nodes: plain text, and anchors for http and https URLs. */
export function linkified(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let href;
    try { href = new URL(match[0]); } catch { continue; }
    if (href.protocol !== "http:" && href.protocol !== "https:") continue;
    nodes.push(document.createTextNode(text.slice(last, match.index)));
    nodes.push(el("a", { href: href.href, textContent: match[0], rel: "noopener noreferrer", target: "_blank" }));
    last = match.index + match[0].length;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

/** A <time> for an ISO instant: the clock today, day and clock before. */
export function timeElement(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return el("time", { textContent: "" });
  const today = new Date().toDateString() === at.toDateString();
  return el("time", { dateTime: at.toISOString(), textContent: (today ? timeOnly : dayAndTime).format(at), title: full.format(at) });
}

/** "3 min ago", "yesterday"... for the directory's last seen. */
export function ago(iso) {
  if (!iso) return "never seen";
  const seconds = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return "last seen just now";
  if (seconds < 3600) return `last seen ${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `last seen ${Math.floor(seconds / 3600)} h ago`;
  return `last seen ${dayAndTime.format(new Date(iso))}`;
}

/** m:ss for a duration in milliseconds. */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000)); // as media players count
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
