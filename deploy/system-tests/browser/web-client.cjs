// The web client as people use it, in headless Chromium against the real system: sign-up from
// the logged-out page, alice and bob (separate browser contexts) finding each other under
// People, a private chat both ways with typing and ticks, an image, a voice message from the
// fake microphone, search, older history, a gateway killed and restarted, a hostile string,
// and a phone-width screen. Screenshots of the main screens go to SCREENSHOTS.
//
// Usage: GATEWAY=http://127.0.0.1:18080 SCREENSHOTS=DIR node web-client.cjs
// Prints one JSON line per check. Lines starting with "@@" ask the harness to act on the
// system ("@@kill-gateway", "@@fill-gap ROOM QUIET_ROOM RUN"); it answers on stdin when done.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { chromium } = require("playwright-core");

const gateway = process.env.GATEWAY || "http://127.0.0.1:8080";
const password = process.env.CHAT_PASSWORD || "chat-dev-password";
const shots = process.env.SCREENSHOTS || path.join(__dirname, "..", "target", "screenshots");
const WAIT = { timeout: 20000 };
const run = Date.now().toString(36); // the private chat of alice and bob outlives a run: texts of this run carry it
const checks = [];
const pageErrors = [];

function check(name, ok, detail) {
  checks.push({ name, ok: !!ok, detail: detail === undefined ? "" : String(detail) });
  if (!ok) throw new Error(`check failed: ${name} ${detail === undefined ? "" : detail}`);
}

// the harness answers "@@" requests one line each, in order
const answers = [];
const waiting = [];
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (waiting.length) waiting.shift()(line); else answers.push(line);
});
function ask(request) {
  console.log(`@@${request}`);
  return new Promise((resolve) => (answers.length ? resolve(answers.shift()) : waiting.push(resolve)));
}

async function shot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

function watch(page, who) {
  page.on("pageerror", (e) => pageErrors.push(`${who}: ${e}`));
  page.on("dialog", (d) => { pageErrors.push(`${who}: a dialog opened (${d.message()})`); d.dismiss(); });
  return page;
}

async function newPage(browser, who, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(["microphone"], { origin: gateway });
  return watch(await context.newPage(), who);
}

async function keycloakLogin(page, user) {
  await page.waitForSelector("#kc-login", WAIT);
  if (user) await page.fill("#username", user);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL(`${gateway}/**`, WAIT);
  await page.waitForSelector("#app:not([hidden])", WAIT);
}

async function login(browser, user) {
  const page = await newPage(browser, user);
  await page.goto(`${gateway}/`);
  await page.getByRole("link", { name: "Log in" }).click();
  await keycloakLogin(page, user);
  await connected(page);
  return page;
}

const connected = (page, wait = WAIT) => page.waitForFunction(() => document.querySelector("#status").textContent === "connected"
  && !document.querySelector("#text").disabled, null, wait);
/** Backoff of the client (up to 15 s between tries) after a gateway start that takes its time here. */
const RECONNECT = { timeout: 60000 };

async function say(page, text) {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.keyboard.press("Enter");
}

/** The <li> of the message with exactly this text. */
const message = (page, text) => page.locator("#messages li").filter({ has: page.getByText(text, { exact: true }) });

async function openPrivateChat(page, other) {
  await page.getByRole("button", { name: "People" }).click();
  await page.getByLabel("Filter people").fill(other);
  await page.getByRole("button", { name: new RegExp(`^Chat with ${other}\\b`) }).click();
  await page.waitForFunction((o) => document.querySelector("#room-title").textContent === o, other, WAIT);
  await connected(page);
  return decodeURIComponent(new URL(page.url()).hash.slice(1)).replace("room=", "");
}

async function joinRoom(page, room) {
  await page.getByRole("button", { name: "Chats" }).click();
  await page.fill("#room-name", room);
  await page.press("#room-name", "Enter");
  await page.waitForFunction((r) => document.querySelector("#room-title").textContent === r, room, WAIT);
  await connected(page);
}

/** Sends messages to a room over the page's own WebSocket (the session cookie), each after the last one's ack, waiting out the rate limit. */
function seed(page, room, texts) {
  return page.evaluate(([room, texts]) => new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/ws/chat/${room}/`);
    let next = 0;
    const send = (i) => ws.send(JSON.stringify({ type: "message", message: texts[i], client_id: `seed-${i}` }));
    ws.onopen = () => send(0);
    ws.onmessage = (e) => {
      const f = JSON.parse(e.data);
      if (f.type === "error" && f.code === "rate_limited") setTimeout(() => send(next), 1000);
      if (f.type !== "ack") return;
      if (++next === texts.length) { ws.close(); resolve(next); } else send(next);
    };
    ws.onerror = () => reject(new Error("seed socket failed"));
    setTimeout(() => reject(new Error(`seeded ${next} of ${texts.length}`)), 30000);
  }), [room, texts]);
}

/** A PNG drawn in the page (a real image, so that the media service's content check passes). */
async function pngImage(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 320; c.height = 200;
    const g = c.getContext("2d");
    const grad = g.createLinearGradient(0, 0, 320, 200);
    grad.addColorStop(0, "#2457c5"); grad.addColorStop(1, "#ffbf47");
    g.fillStyle = grad; g.fillRect(0, 0, 320, 200);
    g.fillStyle = "#fff"; g.font = "bold 40px sans-serif"; g.fillText("hello bob", 60, 115);
    return c.toDataURL("image/png");
  });
  return Buffer.from(dataUrl.split(",")[1], "base64");
}

async function signUpAndLogOut(browser) {
  const page = await newPage(browser, "newcomer");
  await page.goto(`${gateway}/`);
  await page.waitForSelector("#welcome:not([hidden])", WAIT);
  check("logged out: a welcome with Log in and Sign up, no chat layout",
    await page.getByRole("link", { name: "Log in" }).isVisible() && await page.getByRole("button", { name: "Sign up" }).isVisible()
    && await page.locator("#app").isHidden());
  await shot(page, "01-welcome");
  const name = `new${Date.now().toString(36)}`;
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForFunction(() => document.querySelector("#signup-error").textContent !== "", null, WAIT);
  const refusal = await page.textContent("#signup-error");
  check("sign-up explains the password policy", /8 characters/.test(refusal), refusal);
  await shot(page, "02-signup-refused");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForSelector("#kc-login", WAIT);
  check("after sign-up the login form has the new name", (await page.inputValue("#username")) === name, await page.inputValue("#username"));
  await keycloakLogin(page, null);
  check("the new user is logged in", (await page.textContent("#me")) === name);
  await connected(page);
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForSelector("#welcome:not([hidden])", WAIT);
  const after = await page.evaluate(() => fetch("/api/users/me").then((r) => r.status));
  check("logout (POST) ends the session", after === 401, after);
  await page.context().close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
  });
  try {
    await signUpAndLogOut(browser);

    const alice = await login(browser, "alice");
    const bob = await login(browser, "bob");
    check("alice logs in through Keycloak", (await alice.textContent("#me")) === "alice");

    // People -> private chat, both sides
    const room = await openPrivateChat(alice, "bob");
    check("clicking bob under People opens the private chat", /^private_\d+_\d+$/.test(room), room);
    await shot(alice, "03-people");
    const bobsRoom = await openPrivateChat(bob, "alice");
    check("bob opens the same private chat", bobsRoom === room, bobsRoom);

    // bob looks elsewhere: alice's message stays at one tick, and is unread in bob's list
    await joinRoom(bob, "lobby");
    const hello = `hi bob, are you there? (${run})`;
    await say(alice, hello);
    await message(alice, hello).and(alice.locator('[data-state="sent"]')).waitFor(WAIT);
    check("single tick once stored", (await message(alice, hello).locator(".state").textContent()) === "\u2713");
    const unread = bob.locator(`#conversations li[data-room="${room}"] .badge`);
    // wait for this run's message in the list (a badge of an earlier run may be there already)
    await bob.locator(`#conversations li[data-room="${room}"] .sub`, { hasText: hello }).waitFor(WAIT).catch(() => {});
    await unread.waitFor(WAIT);
    // the pair's private room outlives a run (same dev users): earlier runs' unread messages may count too
    check("bob's conversation list shows the unread message", Number(await unread.textContent()) >= 1, await unread.textContent());
    check("with the newest message", (await bob.textContent(`#conversations li[data-room="${room}"] .sub`)).includes(hello));
    await bob.click(`#conversations li[data-room="${room}"] button`);
    await connected(bob);
    await message(bob, hello).waitFor(WAIT);
    await message(alice, hello).and(alice.locator('[data-state="read"]')).waitFor(WAIT);
    check("double tick once bob has read it", (await message(alice, hello).locator(".state").textContent()) === "\u2713\u2713");

    // typing, seen by the other, gone by itself
    await bob.getByRole("textbox", { name: "Message" }).pressSequentially("I am wri", { delay: 30 });
    await alice.waitForFunction(() => document.querySelector("#typing").textContent === "bob is typing\u2026", null, WAIT);
    check("typing reaches alice", true);
    check("typing is not shown to the typer", (await bob.textContent("#typing")) === "");
    await alice.waitForFunction(() => document.querySelector("#typing").textContent === "", null, { timeout: 8000 });
    check("typing indicator goes away by itself", true);

    // messages the other way; Shift+Enter is a new line; hostile text stays text; links are safe
    const hostile = `<img src=x onerror=alert(1)> see https://example.com/a?b=1 not javascript:alert(1) ${run}`;
    await bob.getByRole("textbox", { name: "Message" }).fill("");
    await bob.getByRole("textbox", { name: "Message" }).pressSequentially(`two ${run}`);
    await bob.keyboard.press("Shift+Enter");
    await bob.keyboard.type("lines");
    await bob.keyboard.press("Enter");
    await say(bob, hostile);
    await message(alice, hostile).waitFor(WAIT);
    check("bob's message reaches alice as text", (await message(alice, hostile).locator(".text").textContent()) === hostile);
    const texts = await alice.$$eval("#messages .text", (ts) => ts.map((t) => t.textContent));
    check("Shift+Enter makes a new line", texts.includes(`two ${run}\nlines`), JSON.stringify(texts));
    check("the XSS string is inert", (await alice.locator("#messages .text img").count()) === 0);
    const link = message(alice, hostile).locator(".text a");
    check("only the http(s) link is a link", (await link.count()) === 1 && (await link.getAttribute("href")) === "https://example.com/a?b=1",
      await link.getAttribute("href"));
    check("links open with rel=noopener noreferrer", (await link.getAttribute("rel")) === "noopener noreferrer");

    // an image: file picker, preview, shown to bob
    await alice.setInputFiles("#attach", { name: "hello.png", mimeType: "image/png", buffer: await pngImage(alice) });
    await alice.waitForSelector("#preview:not([hidden])", WAIT);
    check("a preview before sending", await alice.locator("#preview-image").isVisible());
    await alice.getByRole("button", { name: "Send" }).click();
    const bobsImage = bob.locator('#messages img.image[src^="/api/media/"]').last();
    await bobsImage.waitFor(WAIT);
    await bob.waitForFunction(() => [...document.querySelectorAll("#messages img.image")].some((i) => i.complete && i.naturalWidth > 0), null, WAIT);
    check("the image is shown to bob", true);
    await bobsImage.click();
    await bob.waitForSelector("#lightbox[open]", WAIT);
    check("a click opens it full size", (await bob.getAttribute("#lightbox-image", "src")).startsWith("/api/media/"));
    await shot(bob, "04-image-full-size");
    await bob.getByRole("button", { name: "Close" }).click();

    // a voice message from the fake microphone, played by bob from the stored media
    await alice.getByRole("button", { name: "Record voice message" }).click();
    await alice.waitForSelector("#recorder:not([hidden])", WAIT);
    await alice.waitForFunction(() => document.querySelector("#recorder-time").textContent === "0:02", null, WAIT);
    check("recording shows a running timer", true);
    await shot(alice, "05-recording");
    await alice.getByRole("button", { name: "Stop and send" }).click();
    const voice = bob.locator('#messages audio[src^="/api/media/"]').last();
    await voice.waitFor({ state: "attached", ...WAIT });
    const played = await voice.evaluate((audio) => new Promise((resolve) => {
      audio.addEventListener("timeupdate", function done() {
        if (audio.currentTime > 0.3) { audio.removeEventListener("timeupdate", done); audio.pause(); resolve(audio.currentSrc); }
      });
      audio.currentTime = 0;
      audio.play().catch((e) => resolve(`failed: ${e}`));
    }));
    check("bob plays the voice message from the stored media", new URL(played).pathname.startsWith("/api/media/"), played);
    await bob.waitForFunction(() => Number.isFinite([...document.querySelectorAll("#messages audio")].pop().duration), null, WAIT);
    check("the player knows its length (seek works)", true);
    await shot(bob, "06-private-chat-bob");
    await shot(alice, "07-private-chat-alice");

    // search with the result in context, then older history on scroll-up
    const history = `history-${Date.now().toString(36)}`;
    const seeded = Array.from({ length: 70 }, (_, i) => (i === 2 ? "the zebra crossing is here" : `old message ${i + 1}`));
    await seed(alice, history, seeded);
    await joinRoom(alice, history);
    await message(alice, "old message 70").waitFor(WAIT);
    check("the latest page of history first", (await message(alice, "old message 20").count()) === 0
      && (await alice.locator("#messages li").count()) === 50, await alice.locator("#messages li").count());
    await alice.getByRole("searchbox", { name: "Search" }).fill("zebra");
    await alice.keyboard.press("Enter");
    const result = alice.locator("#results li");
    await result.first().waitFor(WAIT);
    check("search finds the earlier message, with its time",
      (await result.count()) === 1 && (await result.first().textContent()).includes("zebra") && (await result.first().locator("time").count()) === 1);
    await shot(alice, "08-search");
    await result.first().locator("button").click();
    await alice.locator("#messages li.highlight").waitFor(WAIT);
    check("a result is shown in context", (await alice.locator("#messages li.highlight .text").textContent()).includes("zebra"));
    await alice.getByRole("button", { name: "Jump to latest" }).click();
    await alice.waitForFunction(() => document.querySelector("#messages li:last-child")?.dataset.seq === "70", null, WAIT);
    await alice.locator("#thread").evaluate((t) => { t.scrollTop = 0; });
    await message(alice, "old message 1").waitFor(WAIT);
    const seqs = await alice.$$eval("#messages li", (lis) => lis.map((li) => Number(li.dataset.seq)));
    check("scrolling up loads older history, in order, once each",
      seqs.length === 70 && seqs.every((s, i) => s === i + 1), seqs.join(","));

    // the gateway killed and restarted: both reconnect, the gap is filled, an empty room catches up
    await alice.getByRole("button", { name: "Chats" }).click();
    await alice.click(`#conversations li[data-room="${room}"] button`);
    await connected(alice);
    const quiet = `quiet-${Date.now().toString(36)}`;
    const bobQuiet = watch(await bob.context().newPage(), "bob (second tab)");
    await bobQuiet.goto(`${gateway}/#room=${quiet}`);
    await connected(bobQuiet);
    await ask("kill-gateway");
    for (const [who, page] of [["alice", alice], ["bob", bob]]) {
      await page.waitForFunction(() => document.querySelector("#status").textContent === "reconnecting\u2026", null, WAIT);
      check(`${who} says reconnecting`, true);
    }
    await shot(alice, "09-reconnecting");
    await ask(`fill-gap ${room} ${quiet} ${run}`);
    for (const [who, page] of [["alice", alice], ["bob", bob]]) {
      await connected(page, RECONNECT);
      await message(page, `sent while you were away 2 ${run}`).waitFor(WAIT);
      const once = await page.$$eval("#messages li .text", (ts, run) => [1, 2]
        .map((i) => ts.filter((n) => n.textContent === `sent while you were away ${i} ${run}`).length), run);
      const seqs = await page.$$eval("#messages li[data-seq]", (lis) => lis.map((li) => Number(li.dataset.seq)));
      check(`${who} reconnects and the gap is filled once`, once.join() === "1,1" && new Set(seqs).size === seqs.length
        && seqs.every((s, i) => i === 0 || s > seqs[i - 1]), `${once} / ${seqs}`);
    }
    await message(bobQuiet, `hello, quiet room ${run}`).waitFor(RECONNECT);
    check("a room that was empty before the drop catches up", true);
    await bobQuiet.close();

    // phone width
    const phone = await newPage(browser, "alice (phone)", { width: 390, height: 844 });
    await phone.goto(`${gateway}/login`);
    await keycloakLogin(phone, "alice");
    await connected(phone);
    await phone.getByRole("button", { name: "Back to chats" }).click();
    await phone.waitForSelector(`#conversations li[data-room="${room}"]`, WAIT);
    await shot(phone, "10-phone-chats");
    await phone.click(`#conversations li[data-room="${room}"] button`);
    await connected(phone);
    await message(phone, `sent while you were away 2 ${run}`).waitFor(WAIT);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    check("phone width: no sideways scrolling", width <= 390, width);
    check("phone width: the message box and Send are on screen",
      await phone.getByRole("textbox", { name: "Message" }).isVisible() && await phone.getByRole("button", { name: "Send" }).isVisible());
    await shot(phone, "11-phone-chat");

    check("no page errors", pageErrors.length === 0, pageErrors.join("; "));
  } finally {
    await browser.close();
    for (const c of checks) console.log(JSON.stringify(c));
    for (const e of pageErrors) console.log(JSON.stringify({ name: "page error", ok: false, detail: e }));
  }
})().then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); });
