import assert from "node:assert/strict";
import { test } from "node:test";
import { DirectFirstLink } from "../src/forum/direct-first-link.js";
import type { HubLink } from "../src/forum/forum-client.js";

/** A scripted SignalR connection: its start does what the test says; a test can push messages and close it. */
class ScriptedConnection implements HubLink {
  state = "Disconnected";
  starts = 0;
  refuseStart: Error | null = null;
  readonly calls: string[] = [];
  readonly #handlers = new Map<string, ((...args: any[]) => void)[]>();
  readonly #closes: ((error?: Error) => void)[] = [];
  readonly #reconnected: ((id?: string) => void)[] = [];

  constructor(readonly direct: boolean) {}

  async start() {
    this.starts++;
    if (this.refuseStart) throw this.refuseStart;
    this.state = "Connected";
  }
  async stop() { this.state = "Disconnected"; }
  async invoke<T>(method: string): Promise<T> { this.calls.push(method); return undefined as T; }
  async send(method: string) { this.calls.push(method); }
  on(method: string, handler: (...args: any[]) => void) { this.#handlers.set(method, [...this.#handlers.get(method) ?? [], handler]); }
  onclose(callback: (error?: Error) => void) { this.#closes.push(callback); }
  onreconnecting() {}
  onreconnected(callback: (id?: string) => void) { this.#reconnected.push(callback); }

  push(method: string, ...args: unknown[]) { for (const h of this.#handlers.get(method) ?? []) h(...args); }
  closeWith(error: Error) { this.state = "Disconnected"; for (const c of this.#closes) c(error); }
  reconnect() { this.state = "Connected"; for (const c of this.#reconnected) c("again"); }
}

/** What the browser says when a WebSocket cannot get through (a proxy that blocks it, or no network). */
const blocked = () => new Error("WebSocket failed to connect. The connection could not be found on the server, either the endpoint may not be a SignalR endpoint, the connection ID is not present on the server, or there is a proxy blocking WebSockets.");
const hubDown = () => new Error("Failed to complete negotiation with the server: TypeError: Failed to fetch");
const refusal = () => new Error('Server returned an error on close: Connection closed with an error. HubException: {"code":"auth.revoked","message":"Phiên đã bị thu hồi","messageEn":"Session revoked"}');

/** A link whose connections are scripted: `script(direct, n)` prepares the n-th connection of that kind (0-based). */
function scriptedLink(script: (connection: ScriptedConnection, n: number) => void = () => {}) {
  const built: ScriptedConnection[] = [];
  const link = new DirectFirstLink(direct => {
    const connection = new ScriptedConnection(direct);
    script(connection, built.filter(c => c.direct === direct).length);
    built.push(connection);
    return connection;
  });
  return { link, built, negotiated: () => built.filter(c => !c.direct) };
}

test("a direct WebSocket that connects is the only connection: no negotiating one is built", async () => {
  const { link, built } = scriptedLink();
  await link.start();
  assert.equal(link.state, "Connected");
  assert.equal(link.direct, true);
  await link.stop();
  await link.start(); // a restart (the phone's network came back) opens the direct WebSocket again
  assert.deepStrictEqual(built.map(c => [c.direct, c.starts]), [[true, 2]]);
});

test("a direct start that fails falls back to negotiate, and what was registered before the switch reaches the new connection", async () => {
  const { link, built, negotiated } = scriptedLink((c, n) => { if (c.direct && n === 0) c.refuseStart = blocked(); });
  const events: unknown[] = [];
  const closes: (string | undefined)[] = [];
  let reconnected = 0;
  link.on("Event", e => events.push(e));
  link.onclose(error => closes.push(error?.message));
  link.onreconnected(() => reconnected++);

  await link.start();
  assert.equal(link.direct, false);
  assert.equal(link.state, "Connected");
  assert.equal(negotiated().length, 1);
  const fallback = negotiated()[0]!;
  fallback.push("Event", { seq: 1 });
  fallback.reconnect();
  await link.invoke("Resume");
  await link.send("Pong", 1);
  fallback.closeWith(new Error("gone"));
  assert.deepStrictEqual(events, [{ seq: 1 }]);
  assert.equal(reconnected, 1);
  assert.deepStrictEqual(closes, ["gone"]);
  assert.deepStrictEqual(fallback.calls, ["Resume", "Pong"]);

  // The page stays on negotiate: later starts build nothing and try no WebSocket directly.
  await link.stop();
  await link.start();
  assert.deepStrictEqual(built.map(c => [c.direct, c.starts]), [[true, 1], [false, 2]]);
});

test("the hub's refusal on the direct start is the answer: no fallback hides it", async () => {
  const { link, negotiated } = scriptedLink(c => { if (c.direct) c.refuseStart = refusal(); });
  await assert.rejects(link.start(), /auth\.revoked/);
  assert.equal(negotiated().length, 0);
  assert.equal(link.direct, true);
});

test("when negotiate fails as well (the hub is away) the page is not switched: the next start tries the WebSocket first", async () => {
  const hubAway = { down: true };
  const { link, built, negotiated } = scriptedLink(c => { if (hubAway.down) c.refuseStart = c.direct ? blocked() : hubDown(); });
  await assert.rejects(link.start(), /negotiation/);
  assert.equal(link.direct, true);
  assert.equal(negotiated().length, 1);

  const direct = built[0]!;
  direct.refuseStart = null; // the hub is back
  hubAway.down = false;
  await link.start();
  assert.equal(link.direct, true);
  assert.equal(link.state, "Connected");
  assert.equal(negotiated().length, 1);
  assert.equal(direct.starts, 2);
});

test("a negotiating connection left behind after its failed start says nothing to the page", async () => {
  const { link, negotiated } = scriptedLink((c, n) => { if (c.direct || n === 0) c.refuseStart = c.direct ? blocked() : hubDown(); });
  const closes: unknown[] = [];
  link.onclose(error => closes.push(error));
  await assert.rejects(link.start());
  negotiated()[0]!.closeWith(new Error("late close of a connection the page no longer uses"));
  assert.deepStrictEqual(closes, []);
});
