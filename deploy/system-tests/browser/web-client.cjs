// The web client as a person uses it: log in through Keycloak, join a room, see who is
// online, send, receive, typing, double tick, safe links, history after a reload.
// Usage: GATEWAY=http://127.0.0.1:18080 node web-client.cjs   (prints one JSON line per check)
"use strict";
const { chromium } = require("playwright-core");

const gateway = process.env.GATEWAY || "http://127.0.0.1:8080";
const password = process.env.CHAT_PASSWORD || "chat-dev-password";
const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok: !!ok, detail: detail || "" });
  if (!ok) throw new Error(`check failed: ${name} ${detail || ""}`);
}

async function login(browser, user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => checks.push({ name: `${user}: no page error`, ok: false, detail: String(e) }));
  await page.goto(`${gateway}/login`);
  await page.fill("#username", user);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL(`${gateway}/**`);
  await page.waitForSelector("#app:not([hidden])");
  return page;
}

async function join(page, room) {
  await page.fill("#room", room);
  await page.click("#join button");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "connected"
    && !document.querySelector("#text").disabled);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const room = `web-${Date.now()}`;
    const alice = await login(browser, "alice");
    check("alice logs in through Keycloak", (await alice.textContent("#me")) === "alice");
    const bob = await login(browser, "bob");
    await join(alice, room);
    await join(bob, room);
    await bob.waitForFunction(() => document.querySelector("#users").textContent.includes("alice"));
    check("user list of the room shows both", (await bob.textContent("#users")).includes("bob"));

    const text = "hello <img src=x onerror=alert(1)> see https://example.com/a?b=1";
    await alice.fill("#text", text);
    await alice.click("#sendButton");
    await bob.waitForSelector("#messages li");
    check("bob receives the message as text", (await bob.textContent("#messages li")).includes(text));
    check("no HTML from user text", (await bob.locator("#messages img").count()) === 0);
    const href = await bob.locator("#messages a").first().getAttribute("href");
    check("links are clickable", href === "https://example.com/a?b=1", href);

    await bob.fill("#text", "typ");
    await alice.waitForFunction(() => document.querySelector("#typing").textContent.includes("bob"));
    check("typing indicator reaches alice", true);
    check("typing not shown to the typer", !(await bob.textContent("#typing")).includes("bob"));

    await alice.waitForFunction(() => (document.querySelector("#messages .tick") || {}).textContent === "\u2713\u2713");
    check("double tick once bob has read it", true);

    await bob.reload();
    await bob.waitForSelector("#messages li");
    check("history after reload", (await bob.textContent("#messages")).includes(text));
  } finally {
    await browser.close();
    for (const c of checks) console.log(JSON.stringify(c));
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
