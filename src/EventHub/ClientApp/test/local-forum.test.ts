import assert from "node:assert/strict";
import { test } from "node:test";
import { LocalForum } from "../src/forum/local-forum.js";
import type { EventEnvelope } from "../src/forum/state.js";
import { recorded } from "./recorded.js";

const log = recorded.host;
const seqs = (events: { envelope: EventEnvelope }[]) => events.map(e => e.envelope.seq);

function started(upTo = 0): LocalForum {
  const forum = new LocalForum();
  forum.apply({ epoch: log.epoch, head: upTo, snapshot: null, snapshotSeq: 0, events: log.events.slice(0, upTo) });
  return forum;
}

test("live events in order are applied one by one", () => {
  const forum = started();
  for (const e of log.events) assert.deepStrictEqual(seqs(forum.receive(e).applied), [e.seq]);
  assert.equal(forum.lastSeq, log.head);
  assert.equal(forum.hasGap, false);
});

test("a repeated event changes nothing and is reported as a repeat", () => {
  const forum = started(12);
  const before = JSON.stringify(forum.state);
  const { applied, repeat } = forum.receive(log.events[11]!);
  assert.equal(repeat, true);
  assert.equal(applied.length, 0);
  assert.equal(JSON.stringify(forum.state), before);
});

test("an event ahead of a missing one is held until the missing one comes, then both apply in order", () => {
  const forum = started(10);
  const ahead = forum.receive(log.events[11]!); // seq 12 before 11
  assert.equal(ahead.applied.length, 0);
  assert.equal(forum.hasGap, true);
  assert.equal(forum.lastSeq, 10);
  assert.equal(forum.receive(log.events[11]!).repeat, true, "the held one again is a repeat");
  assert.deepStrictEqual(seqs(forum.receive(log.events[10]!).applied), [11, 12]);
  assert.equal(forum.hasGap, false);
});

test("a resume fills a gap and the held events after it, and skips what the copy already has", () => {
  const forum = started(10);
  forum.receive(log.events[14]!); // 15 held
  const applied = forum.apply({ epoch: log.epoch, head: 14, snapshot: null, snapshotSeq: 0, events: log.events.slice(5, 14) });
  assert.deepStrictEqual(seqs(applied), [11, 12, 13, 14, 15]);
  assert.ok(applied.every(a => a.fromResume));
  assert.equal(forum.hasGap, false);
});

test("a snapshot on a new epoch replaces the copy and drops what was held from the old log", () => {
  const forum = started(20);
  forum.receive({ ...log.events[23]!, seq: 30 }); // held from the old log
  const snapshot = JSON.stringify(started(22).state); // the new log's state at 22, as the hub would send it
  const applied = forum.apply({ epoch: "new-epoch", head: 24, snapshot, snapshotSeq: 22, events: log.events.slice(20) });
  assert.deepStrictEqual(seqs(applied), [23, 24]);
  assert.equal(forum.epoch, "new-epoch");
  assert.equal(forum.hasGap, false);
  assert.equal(forum.lastSeq, 24);
});

test("a resume on another epoch without a snapshot is refused", () => {
  const forum = started(5);
  assert.throws(() => forum.apply({ epoch: "other", head: 5, snapshot: null, snapshotSeq: 0, events: [] }), /snapshot/);
});

test("a resume that skips a number is refused", () => {
  const forum = started(5);
  assert.throws(() => forum.apply({ epoch: log.epoch, head: 9, snapshot: null, snapshotSeq: 0, events: log.events.slice(6, 9) }), /skipped/);
});

test("an unknown event type or a newer version is counted and skipped", () => {
  const forum = started(3);
  const before = JSON.stringify(forum.state);
  forum.receive({ seq: 4, at: 1, actor: log.events[0]!.actor, type: "qa.asked", v: 1, data: "{}" });
  forum.receive({ seq: 5, at: 1, actor: log.events[0]!.actor, type: "site.checked_in", v: 2, data: "{\"shape\":\"new\"}" });
  assert.equal(forum.lastSeq, 5);
  assert.equal(JSON.stringify(forum.state), before);
});

test("a beacon ahead of the copy, or on another epoch, says it is behind", () => {
  const forum = started(7);
  assert.equal(forum.isBehind({ epoch: log.epoch, head: 7 }), false);
  assert.equal(forum.isBehind({ epoch: log.epoch, head: 8 }), true);
  assert.equal(forum.isBehind({ epoch: "other", head: 1 }), true);
});
