import assert from "node:assert/strict";
import { test } from "node:test";
import { LocalForum } from "../src/forum/local-forum.js";
import { stateFromSnapshot } from "../src/forum/state.js";
import { recorded } from "./recorded.js";

for (const audience of ["moderator", "host", "display"] as const) {
  test(`folding the ${audience}'s recorded events gives the hub's snapshot for the ${audience}`, () => {
    const r = recorded[audience];
    const forum = new LocalForum();
    forum.apply({ epoch: r.epoch, head: r.head, snapshot: null, snapshotSeq: 0, events: r.events });
    assert.equal(forum.lastSeq, r.head);
    assert.equal(r.snapshotSeq, r.head);
    assert.deepStrictEqual(forum.state, stateFromSnapshot(r.snapshot));
  });
}

test("the public copy keeps the waiting request of another site without its speaker or topic", () => {
  const forum = new LocalForum();
  const r = recorded.display;
  forum.apply({ epoch: r.epoch, head: r.head, snapshot: null, snapshotSeq: 0, events: r.events });
  const declined = Object.values(forum.state.speakerQueue.requests).find(x => x.site === "DNG")!;
  assert.equal(declined.status, "declined");
  assert.equal(declined.speaker, "");
  assert.equal(declined.declineReason, null);
  assert.equal(forum.state.attendance.tallies["HCM"]?.delegates, 1);
  assert.deepStrictEqual(forum.state.attendance.delegates, {});
});
