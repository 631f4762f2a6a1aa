// The message box: Enter sends, Shift+Enter starts a new line; typing is announced; an image
// comes from the file picker, a paste or a drop, is previewed, and goes with the next Send.
import { $ } from "./dom.js";

/** Largest image sent in a WebSocket frame (its base64 form must stay under the gateway's 16 MiB frame limit). */
export const MAX_IMAGE_BYTES = 11 * 1024 * 1024;

export function readAsDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export class Composer {
  /** @param room () => the open Room, or null */
  constructor(room) {
    this.room = room;
    this.image = null;
    const text = $("text");
    $("composer").addEventListener("submit", (e) => { e.preventDefault(); this.send(); });
    text.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.send(); }
    });
    text.addEventListener("input", () => { this.grow(); if (text.value) this.room()?.typing(); });
    text.addEventListener("paste", (e) => {
      const file = [...(e.clipboardData?.files || [])].find((f) => f.type.startsWith("image/"));
      if (file) { e.preventDefault(); this.attach(file); }
    });
    $("attach").addEventListener("change", (e) => { if (e.target.files[0]) this.attach(e.target.files[0]); e.target.value = ""; });
    $("preview-remove").addEventListener("click", () => this.clearImage());
    const dropZone = $("room");
    dropZone.addEventListener("dragover", (e) => { if (e.dataTransfer?.types.includes("Files")) { e.preventDefault(); dropZone.classList.add("dropping"); } });
    dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dropping"));
    dropZone.addEventListener("drop", (e) => {
      dropZone.classList.remove("dropping");
      const file = [...(e.dataTransfer?.files || [])].find((f) => f.type.startsWith("image/"));
      if (file) { e.preventDefault(); this.attach(file); }
    });
  }

  enable(yes) {
    $("text").disabled = !yes;
    $("send").disabled = !yes;
  }

  error(text) { $("composer-error").textContent = text; }

  attach(file) {
    this.error("");
    if (!file.type.startsWith("image/")) { this.error("Only images can be attached."); return; }
    if (file.size > MAX_IMAGE_BYTES) { this.error(`This image is too large (at most ${MAX_IMAGE_BYTES >> 20} MB).`); return; }
    this.clearImage();
    this.image = { file, url: URL.createObjectURL(file) };
    $("preview-image").src = this.image.url;
    $("preview-name").textContent = file.name || "pasted image";
    $("preview").hidden = false;
    $("text").focus();
  }

  clearImage() {
    if (this.image) URL.revokeObjectURL(this.image.url);
    this.image = null;
    $("preview").hidden = true;
    $("preview-image").removeAttribute("src");
  }

  async send() {
    const room = this.room();
    const text = $("text");
    if (!room || text.disabled) return;
    const message = text.value;
    if (this.image) {
      const { file, url } = this.image;
      this.image = null;
      $("preview").hidden = true;
      const data = await readAsDataUrl(file);
      room.send({ type: "file", file_data: data, file_name: file.name || "image" }, { local_image: url });
    }
    if (message.trim()) room.send({ type: "message", message }, { message });
    text.value = "";
    this.grow();
    text.focus();
  }

  grow() {
    const text = $("text");
    text.style.height = "auto";
    text.style.height = `${Math.min(text.scrollHeight, 160)}px`;
  }
}
