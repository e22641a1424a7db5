import assert from "node:assert/strict";
import { test } from "node:test";
import { evolve } from "../src/forum/fold.js";
import { onDeck, openRollCall, phaseOf, positionsOf, remainingMs, suggestFairOrder } from "../src/forum/queries.js";
import { initialState, type ForumState } from "../src/forum/state.js";
import { clock, countdown, timeWithZone } from "../src/ui/time.js";

/** A forum built from events, the way the hub's log would give them. */
function forum(...events: [type: string, data: object, at?: number][]): ForumState {
  const state = initialState();
  events.forEach(([type, data, at], i) => evolve(state, type, data, { seq: i + 1, at: at ?? 1000 * (i + 1) }));
  return state;
}

const opened: [string, object] = ["forum.opened", { forumId: "f", title: "T", sites: ["HCM", "DNG", "HPG"] }];
const item: [string, object] = ["agenda.item_added", { itemId: "a", title: "A", defaultSpeakingSeconds: 300 }];
const ask = (id: string, site: string): [string, object] => ["queue.requested", { requestId: id, itemId: "a", site, speaker: id, speakerTitle: null, topic: "t" }];
const approve = (id: string, site: string): [string, object] => ["queue.approved", { requestId: id, site, speaker: id, speakerTitle: null, topic: "t" }];

test("the countdown counts from the commit time, freezes while paused, and turns warning then overtime", () => {
  const state = forum(opened, item, ask("r1", "HCM"),
    ["queue.speech_started", { requestId: "r1", site: "HCM", speaker: "r1", speakerTitle: null, topic: "t", limitSeconds: 60 }, 10_000],
    ["queue.speech_paused", { requestId: "r1" }, 20_000],
    ["queue.speech_resumed", { requestId: "r1" }, 50_000],
    ["queue.time_added", { requestId: "r1", seconds: 30 }, 51_000]);
  const floor = state.speakerQueue.floor!;
  assert.equal(remainingMs(floor, 50_000), 80_000); // 90 s limit, 10 s spoken before the 30 s pause
  assert.equal(phaseOf(remainingMs(floor, 50_000)), "running");
  assert.equal(phaseOf(remainingMs(floor, 110_000)), "warning");
  assert.equal(phaseOf(remainingMs(floor, 131_000)), "overtime");
  assert.equal(countdown(remainingMs(floor, 131_000)), "−0:01");
  assert.equal(countdown(remainingMs(floor, 50_000)), "1:20");
});

test("on deck takes the next two approved entries; positions count waiting and approved alike", () => {
  const state = forum(opened, item, ask("r1", "HCM"), ask("r2", "DNG"), ask("r3", "HPG"), approve("r2", "DNG"), approve("r3", "HPG"));
  assert.deepStrictEqual(onDeck(state).map(p => p.site), ["DNG", "HPG"]);
  assert.deepStrictEqual(positionsOf(state, "HPG").map(p => p.position), [3]);
  assert.deepStrictEqual(positionsOf(state, "HCM").map(p => p.status), ["waiting"]);
});

test("the fair order puts the first entry of each site that has not spoken first and keeps the rest in order", () => {
  const state = forum(opened, item, ask("h1", "HCM"),
    ["queue.speech_started", { requestId: "h1", site: "HCM", speaker: "h1", speakerTitle: null, topic: "t", limitSeconds: 60 }],
    ["queue.speech_ended", { requestId: "h1" }],
    ask("h2", "HCM"), ask("d1", "DNG"), ask("d2", "DNG"), ask("p1", "HPG"));
  assert.deepStrictEqual(suggestFairOrder(state, state.speakerQueue.agenda[0]!), ["d1", "p1", "h2", "d2"]);
});

test("a roll call takes answers until its deadline or its close", () => {
  const state = forum(opened, ["rollcall.started", { rollCallId: "rc", deadlineSeconds: 60 }, 10_000]);
  assert.equal(openRollCall(state, 70_000)?.id, "rc");
  assert.equal(openRollCall(state, 70_001), null);
  evolve(state, "rollcall.closed", { rollCallId: "rc", answered: [], missing: ["HCM", "DNG", "HPG"] }, { seq: 3, at: 20_000 });
  assert.equal(openRollCall(state, 30_000), null);
});

test("times are shown in Việt Nam time with the zone, whatever the machine's zone", () => {
  const at = Date.UTC(2024, 7, 20, 1, 30, 5); // 08:30:05 in Hà Nội
  assert.equal(clock(at), "08:30:05");
  assert.equal(timeWithZone(at), "08:30:05 (UTC+7)");
});
