// Voice messages: MediaRecorder from the microphone, a visible timer, Stop sends, Cancel drops.
import { $, clock } from "./dom.js";
import { readAsDataUrl } from "./composer.js";

const MAX_RECORDING_MS = 5 * 60 * 1000;

export class VoiceRecorder {
  /** @param room () => the open Room, or null; @param error (text) shows a problem */
  constructor(room, error) {
    this.room = room;
    this.error = error;
    $("record").addEventListener("click", () => this.start());
    $("recorder-stop").addEventListener("click", () => this.stop(true));
    $("recorder-cancel").addEventListener("click", () => this.stop(false));
  }

  async start() {
    if (this.recorder) return;
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      this.error("This browser cannot record audio.");
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      this.error("The microphone is not available (is it allowed for this site?).");
      return;
    }
    const type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm"].find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks = [];
    recorder.addEventListener("dataavailable", (e) => { if (e.data.size) chunks.push(e.data); });
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((t) => t.stop());
      if (this.keep) this.sendRecording(new Blob(chunks, { type: recorder.mimeType || "audio/webm" }));
    });
    this.recorder = recorder;
    this.started = Date.now();
    recorder.start(250);
    $("recorder").hidden = false;
    $("record").disabled = true;
    $("recorder-time").textContent = "0:00";
    this.timer = setInterval(() => {
      const elapsed = Date.now() - this.started;
      $("recorder-time").textContent = clock(elapsed);
      if (elapsed >= MAX_RECORDING_MS) this.stop(true);
    }, 250);
    $("recorder-stop").focus();
  }

  stop(keep) {
    if (!this.recorder) return;
    this.keep = keep;
    clearInterval(this.timer);
    this.recorder.stop();
    this.recorder = null;
    $("recorder").hidden = true;
    $("record").disabled = false;
    $("record").focus();
  }

  async sendRecording(blob) {
    const room = this.room();
    if (!room || blob.size === 0) return;
    const data = await readAsDataUrl(blob);
    room.send({ type: "audio", file_data: data }, { local_audio: URL.createObjectURL(blob) });
  }
}
