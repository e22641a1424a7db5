import assert from "node:assert/strict";
import { test } from "node:test";
import { ForumClient, errorIn, jitteredBackoff, newCommandId, type HubLink } from "../src/forum/forum-client.js";
import type { CommandResult, EventEnvelope, ResumeResult } from "../src/forum/state.js";
import { recorded } from "./recorded.js";

const log = recorded.host;

/**
 * A scripted hub connection: answers Resume from the recorded log as the hub does (the events after the caller's
 * position, or a snapshot when the caller is on another epoch), and lets a test push live messages, cut the
 * connection, bring it back, and answer commands.
 */
class ScriptedLink implements HubLink {
  state = "Disconnected";
  epoch = log.epoch;
  events: EventEnvelope[] = log.events.slice(0, 10);
  snapshot: string | null = null;
  resumeRequests: { epoch: string | null; afterSeq: number }[] = [];
  commands: { method: string; request: any }[] = [];
  answer: (method: string, request: any) => Promise<CommandResult> = async (_m, r) => ok(r.commandId);
  pongs: number[] = [];
  readonly #handlers = new Map<string, (...args: any[]) => void>();
  #onclose: (error?: Error) => void = () => {};
  #onreconnecting: () => void = () => {};
  #onreconnected: () => void = () => {};

  async start() { this.state = "Connected"; }
  async stop() { this.state = "Disconnected"; this.#onclose(); }
  async send(method: string, ...args: unknown[]) { if (method === "Pong") this.pongs.push(args[0] as number); }
  async invoke<T>(method: string, ...args: any[]): Promise<T> {
    if (this.state !== "Connected") throw new Error("not connected");
    if (method === "Resume") {
      const request = args[0];
      this.resumeRequests.push(request);
      const head = this.events.length;
      const result: ResumeResult = request.epoch === this.epoch || request.epoch === null && this.snapshot === null
        ? { epoch: this.epoch, head, snapshot: null, snapshotSeq: 0, events: this.events.slice(request.afterSeq) }
        : { epoch: this.epoch, head, snapshot: this.snapshot, snapshotSeq: head, events: [] };
      return result as T;
    }
    this.commands.push({ method, request: args[0] });
    return (await this.answer(method, args[0])) as T;
  }
  on(method: string, handler: (...args: any[]) => void) { this.#handlers.set(method, handler); }
  onclose(callback: (error?: Error) => void) { this.#onclose = callback; }
  onreconnecting(callback: () => void) { this.#onreconnecting = callback; }
  onreconnected(callback: () => void) { this.#onreconnected = callback; }

  push(method: string, ...args: unknown[]) { this.#handlers.get(method)!(...args); }
  /** A cut the automatic reconnect handles: reconnecting, then connected again on a new connection. */
  cut() { this.state = "Reconnecting"; this.#onreconnecting(); }
  reconnect() { this.state = "Connected"; this.#onreconnected(); }
  closeWith(error: Error) { this.state = "Disconnected"; this.#onclose(error); }
}

const ok = (commandId: string, seq = 0): CommandResult => ({ ok: true, commandId, firstSeq: seq, lastSeq: seq, duplicate: false, error: null });
const patience = { gapPatienceMs: 30, positionPatienceMs: 30, retryDelayMs: () => 5 };

async function until(condition: () => boolean, what: string, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 5));
  }
}

async function connected(link = new ScriptedLink()) {
  const client = new ForumClient(link, patience);
  await client.start();
  await until(() => client.forum.lastSeq === link.events.length, "the first resume");
  return { client, link };
}

test("the first connection resumes from nothing and takes in the log", async () => {
  const { client, link } = await connected();
  assert.deepStrictEqual(link.resumeRequests, [{ epoch: null, afterSeq: 0 }]);
  assert.equal(client.forum.lastSeq, 10);
  assert.equal(client.state, "connected");
});

test("live events in order are applied without a resume; a repeat is ignored", async () => {
  const { client, link } = await connected();
  for (const e of log.events.slice(10, 14)) link.push("Event", e);
  link.push("Event", log.events[12]);
  await until(() => client.forum.lastSeq === 14, "events 11..14");
  assert.equal(link.resumeRequests.length, 1);
  assert.equal(client.repeatsIgnored, 1);
});

test("several events in one message are applied in their order, with a gap or repeat inside it handled as if each came alone", async () => {
  const { client, link } = await connected();
  const seen: number[] = [];
  client.subscribe(c => { if (c.kind === "applied") seen.push(...c.events.map(e => e.envelope.seq)); });
  link.push("Events", log.events.slice(10, 13));
  await until(() => client.forum.lastSeq === 13, "events 11..13 from one message");
  link.push("Events", [log.events[12], log.events[14], log.events[13]]); // 13 again, then 15 before 14
  await until(() => client.forum.lastSeq === 15, "14 and 15");
  assert.deepStrictEqual(seen, [11, 12, 13, 14, 15]);
  assert.equal(client.repeatsIgnored, 1);
  assert.equal(client.gapsSeen, 1);
  assert.equal(link.resumeRequests.length, 1);
});

test("a gap that the missing event fills in time costs no resume", async () => {
  const { client, link } = await connected();
  link.push("Event", log.events[11]); // 12 before 11
  link.push("Event", log.events[10]);
  await until(() => client.forum.lastSeq === 12, "11 and 12");
  await new Promise(r => setTimeout(r, 60));
  assert.equal(client.gapsSeen, 1);
  assert.equal(client.gapsHealed, 0);
  assert.equal(link.resumeRequests.length, 1);
});

test("a gap still there after the patience is healed by a resume from the last applied number", async () => {
  const { client, link } = await connected();
  link.events = log.events.slice(0, 14);
  link.push("Event", log.events[13]); // 14 arrives, 11..13 were lost
  await until(() => client.forum.lastSeq === 14, "the resume to fill 11..13");
  assert.deepStrictEqual(link.resumeRequests.at(-1), { epoch: log.epoch, afterSeq: 10 });
  assert.equal(client.gapsHealed, 1);
});

test("every reconnect resumes, and the events missed meanwhile arrive once and in order", async () => {
  const { client, link } = await connected();
  const seen: number[] = [];
  client.subscribe(c => { if (c.kind === "applied") seen.push(...c.events.map(e => e.envelope.seq)); });
  link.cut();
  assert.equal(client.state, "reconnecting");
  link.events = log.events.slice(0, 16);
  link.reconnect();
  await until(() => client.forum.lastSeq === 16, "the resume after the reconnect");
  assert.deepStrictEqual(seen, [11, 12, 13, 14, 15, 16]);
  assert.deepStrictEqual(link.resumeRequests.at(-1), { epoch: log.epoch, afterSeq: 10 });
  assert.equal(client.state, "resumed");
  link.push("Event", log.events[15]); // the same event arriving live after the resume brought it
  await until(() => client.repeatsIgnored === 1, "the repeat");
  assert.equal(client.forum.lastSeq, 16);
});

test("a beacon ahead of the copy waits its patience, then resumes when the events never came", async () => {
  const { client, link } = await connected();
  link.events = log.events.slice(0, 12);
  link.push("Position", { epoch: log.epoch, head: 12 });
  assert.equal(link.resumeRequests.length, 1);
  await until(() => client.forum.lastSeq === 12, "the resume after the beacon");
  assert.equal(link.resumeRequests.length, 2);
});

test("a beacon on a new epoch resumes at once and the snapshot replaces the copy", async () => {
  const { client, link } = await connected();
  link.epoch = "recreated";
  link.events = log.events;
  link.snapshot = log.snapshot;
  const snapshots: number[] = [];
  client.subscribe(c => { if (c.kind === "snapshot") snapshots.push(c.result.snapshotSeq); });
  link.push("Position", { epoch: "recreated", head: log.head });
  await until(() => client.forum.epoch === "recreated", "the snapshot of the new epoch");
  assert.deepStrictEqual(snapshots, [log.head]);
  assert.equal(client.forum.lastSeq, log.head);
  assert.equal(client.forum.state.attendance.sites["HCM"]?.checkedIn, false);
});

test("a command cut off mid-call is resent with the same id once the connection is back", async () => {
  const { client, link } = await connected();
  let calls = 0;
  link.answer = async (_m, r) => {
    if (++calls === 1) {
      link.cut();
      throw new Error("Invocation canceled due to the underlying connection being closed.");
    }
    return ok(r.commandId, 11);
  };
  const sending = client.send("CheckIn", { commandId: "check-in-0001", lead: "Lan", headcount: 40 });
  await until(() => client.state === "reconnecting", "the cut");
  assert.equal(client.pending, 1);
  setTimeout(() => link.reconnect(), 50);
  const result = await sending;
  assert.equal(result.ok, true);
  assert.deepStrictEqual(link.commands.map(c => c.request.commandId), ["check-in-0001", "check-in-0001"]);
  assert.equal(client.resends, 1);
  assert.equal(client.pending, 0);
});

test("a retryable refusal is resent with the same id; a final one is returned as it is", async () => {
  const { client, link } = await connected();
  const busy = { code: "store.busy", message: "Bận", messageEn: "Busy" };
  let calls = 0;
  link.answer = async (_m, r) => (++calls === 1 ? { ...ok(r.commandId), ok: false, error: busy } : ok(r.commandId, 11));
  assert.equal((await client.send("UpdateHeadcount", { commandId: "headcount-01", headcount: 5 })).ok, true);
  assert.equal(calls, 2);
  const refused = { code: "input.out_of_range", message: "…", messageEn: "…" };
  link.answer = async (_m, r) => ({ ...ok(r.commandId), ok: false, error: refused });
  const result = await client.send("UpdateHeadcount", { commandId: "headcount-02", headcount: 0 });
  assert.equal(result.error?.code, "input.out_of_range");
  assert.equal(link.commands.filter(c => c.request.commandId === "headcount-02").length, 1);
});

test("a close with the hub's structured refusal stops the client for good", async () => {
  const { client, link } = await connected();
  link.closeWith(new Error('Server returned an error on close: Connection closed with an error. HubException: {"code":"delegate.removed","message":"Đã bị mời ra","messageEn":"Removed"}'));
  assert.equal(client.state, "refused");
  assert.equal(client.refusal?.code, "delegate.removed");
  const result = await client.send("Anything", { commandId: "after-refusal" });
  assert.equal(result.error?.code, "delegate.removed");
});

test("a closed connection without a refusal is started again, and resumes", async () => {
  const { client, link } = await connected();
  link.events = log.events.slice(0, 13);
  link.closeWith(new Error("WebSocket closed with status code: 1006"));
  await until(() => client.forum.lastSeq === 13, "the restart and resume");
  assert.equal(client.state, "resumed");
});

test("pings are answered with the same number", async () => {
  const { link } = await connected();
  link.push("Ping", 123456789);
  await until(() => link.pongs.length === 1, "the pong");
  assert.deepStrictEqual(link.pongs, [123456789]);
});

test("the reconnect delay starts at zero, grows, stays under its cap and is spread out", () => {
  assert.equal(jitteredBackoff(0), 0);
  assert.equal(jitteredBackoff(1, 500, 10_000, () => 0), 250);
  assert.equal(jitteredBackoff(1, 500, 10_000, () => 1), 500);
  assert.equal(jitteredBackoff(4, 500, 10_000, () => 1), 4000);
  assert.equal(jitteredBackoff(30, 500, 10_000, () => 1), 10_000);
  assert.equal(jitteredBackoff(30, 500, 10_000, () => 0), 5000);
  const spread = new Set(Array.from({ length: 20 }, () => jitteredBackoff(5)));
  assert.ok(spread.size > 10, "twenty sites cut off together do not retry in step");
});

test("command ids fit the hub's rule and do not repeat", () => {
  const ids = new Set(Array.from({ length: 1000 }, newCommandId));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{8,64}$/);
});

test("the hub's error is read from an exception message", () => {
  assert.deepStrictEqual(errorIn(new Error('An unexpected error occurred invoking \'GetBoard\' on the server. HubException: {"code":"auth.forbidden","message":"m","messageEn":"e"}')),
    { code: "auth.forbidden", message: "m", messageEn: "e" });
  assert.equal(errorIn(new Error("WebSocket closed")), null);
});

test("resync asks for what the copy missed from its position, and changes nothing when it is current", async () => {
  const { client, link } = await connected();
  client.resync();
  await until(() => link.resumeRequests.length === 2, "the second resume");
  assert.deepStrictEqual(link.resumeRequests[1], { epoch: log.epoch, afterSeq: 10 });
  link.events = log.events.slice(0, 13); // written while the tab slept, their live messages never handled
  client.resync();
  await until(() => client.forum.lastSeq === 13, "the missed events");
  assert.equal(client.snapshots, 0);
});

test("restart drops the connection and opens a new one, resuming from the copy's position; a command waits and goes once", async () => {
  const { client, link } = await connected();
  link.events = log.events.slice(0, 12);
  const restarting = client.restart();
  const sent = client.send("VoteQuestion", { commandId: "vote-1", questionId: "q" });
  await restarting;
  const result = await sent;
  assert.equal(result.ok, true);
  await until(() => client.forum.lastSeq === 12, "the resume after the restart");
  assert.deepStrictEqual(link.resumeRequests.at(-1), { epoch: log.epoch, afterSeq: 10 });
  assert.deepStrictEqual(link.commands.map(c => c.request.commandId), ["vote-1"]);
  assert.equal(client.state, "resumed");
});
