// Live Q&A in the client's copy, against a real hub's recording (test/fixtures/qa-log.json, written by
// test/record-qa-fixtures.mjs): what each audience folds is what the hub's visibility gives that audience.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { LocalForum } from "../src/forum/local-forum.js";
import { hasVoted, isMine, isQandAOpenFor, listQuestions, markVote, nowAnswering, topQuestions, withMine, type MyQandA } from "../src/forum/qanda.js";
import { stateFromSnapshot, type EventEnvelope, type ForumState, type Question } from "../src/forum/state.js";

interface QaRecording {
  identity: { role: string; site: string | null; name: string; id: string };
  epoch: string;
  head: number;
  /** The whole log by Resume, as this audience may see it. */
  events: EventEnvelope[];
  /** The live stream began after this number (the connection's first Resume). */
  liveFrom: number;
  live: EventEnvelope[];
  snapshot: string;
  snapshotSeq: number;
  mine: MyQandA;
}

type Audience = "moderator" | "reviewer" | "host" | "display" | "lan" | "hoa";
const recorded: Record<Audience, QaRecording> = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), "test/fixtures/qa-log.json"), "utf8"));

function folded(r: QaRecording, events = r.events): LocalForum {
  const forum = new LocalForum();
  forum.apply({ epoch: r.epoch, head: r.head, snapshot: null, snapshotSeq: 0, events });
  return forum;
}

/** The copy of a client that resumed to where its live stream began, then took the live stream as it came. */
function followedLive(r: QaRecording): LocalForum {
  const forum = folded(r, r.events.filter(e => e.seq <= r.liveFrom));
  for (const e of r.live) forum.receive(e);
  return forum;
}

const byText = (state: ForumState, text: string): Question => {
  const q = Object.values(state.qandA.questions).find(x => x.text.startsWith(text));
  assert.ok(q, `no question "${text}"`);
  return q;
};

test("the recording has the fan-out's coalesced votes in every live stream", () => {
  for (const r of Object.values(recorded)) assert.ok(r.live.some(e => e.type === "qa.tallies"), `${r.identity.role} got no qa.tallies`);
});

for (const audience of ["moderator", "reviewer", "host", "display"] as const) {
  test(`folding the ${audience}'s recorded Q&A events gives the hub's snapshot for the ${audience}`, () => {
    const r = recorded[audience];
    const forum = folded(r);
    assert.equal(forum.lastSeq, r.head);
    assert.deepStrictEqual(forum.state, stateFromSnapshot(r.snapshot));
  });

  test(`the ${audience}'s live stream, votes gathered into qa.tallies, ends on the snapshot's tallies with no gap`, () => {
    const r = recorded[audience];
    const forum = followedLive(r);
    assert.equal(forum.lastSeq, r.head);
    assert.equal(forum.hasGap, false);
    assert.deepStrictEqual(forum.state, stateFromSnapshot(r.snapshot));
  });
}

for (const audience of ["lan", "hoa"] as const) {
  test(`a delegate (${audience}) holds the public questions plus their own, with the snapshot's tallies, live or resumed`, () => {
    const r = recorded[audience];
    const me = r.identity.id;
    const fromSnapshot = stateFromSnapshot(r.snapshot);
    withMine(fromSnapshot, r.mine, me);
    for (const forum of [folded(r), followedLive(r)]) {
      withMine(forum.state, r.mine, me);
      assert.equal(forum.lastSeq, r.head);
      const ids = Object.keys(forum.state.qandA.questions).sort();
      assert.deepStrictEqual(ids, Object.keys(fromSnapshot.qandA.questions).sort());
      for (const id of ids) {
        const a = forum.state.qandA.questions[id]!;
        const b = fromSnapshot.qandA.questions[id]!;
        assert.deepStrictEqual([a.status, a.votes, a.text, a.topic, isMine(a, me), hasVoted(a, me)],
          [b.status, b.votes, b.text, b.topic, isMine(b, me), hasVoted(b, me)], `question ${a.text}`);
      }
      assert.equal(forum.state.qandA.highlighted, fromSnapshot.qandA.highlighted);
    }
  });
}

test("the public copy: no question under review, anonymous names blank, reasons and originals kept from it", () => {
  const state = folded(recorded.display).state;
  const qs = Object.values(state.qandA.questions);
  assert.ok(qs.every(q => q.public && q.authorId === ""), "only published questions, no author ids");
  assert.equal(qs.find(q => q.text.startsWith("Câu hỏi bị loại")), undefined, "dismissed before publication: never public");
  assert.equal(qs.find(q => q.text.startsWith("Câu hỏi sẽ rút lại")), undefined, "withdrawn under review: never public");
  const anonymous = byText(state, "Đề xuất quỹ học bổng");
  assert.deepStrictEqual([anonymous.kind, anonymous.anonymous, anonymous.authorName, anonymous.status, anonymous.originalText],
    ["proposal", true, "", "answered", null]);
  const dismissed = byText(state, "Câu hỏi đã công bố rồi bị loại");
  assert.deepStrictEqual([dismissed.status, dismissed.dismissReason], ["dismissed", null]);
  const kept = byText(state, "Làm sao để cán bộ trẻ");
  assert.equal(kept.authorName, "Nguyễn Thị Lan");
  // Hoa and Bình voted for it, Hoa for its duplicate (counted once in the merge), then Bình was removed.
  assert.equal(kept.votes, 1);
  assert.equal(byText(state, "Cán bộ trẻ được đào tạo").status, "merged");
  assert.deepStrictEqual([state.qandA.isOpen, state.qandA.closedItems, state.qandA.review, state.qandA.allowAnonymous],
    [true, ["opening"], true, true]);
  assert.deepStrictEqual(state.qandA.topics, ["Chuyển đổi số", "Đào tạo"]);
  assert.equal(nowAnswering(state.qandA)?.text, "Câu hỏi trên giấy từ hội trường HCM");
  assert.equal(nowAnswering(state.qandA)?.votes, 1, "the removed delegate's vote was taken back, then one more");
});

test("the staff see questions under review and the reasons, but an anonymous author's name only if the forum said so", () => {
  const state = folded(recorded.reviewer).state;
  const dismissed = byText(state, "Câu hỏi bị loại");
  assert.deepStrictEqual([dismissed.status, dismissed.dismissReason, dismissed.public], ["dismissed", "Ngoài phạm vi tọa đàm", false]);
  const anonymous = byText(state, "Đề xuất quỹ học bổng");
  assert.deepStrictEqual([anonymous.authorName, anonymous.authorId, anonymous.originalText], ["", "", "Đề xuất quỹ học bổng cho công chức trẻ"]);
  assert.equal(byText(state, "Câu hỏi sẽ rút lại").status, "withdrawn");
});

test("the author sees their own question under review, its state and the reason it was dismissed", () => {
  const hoa = recorded.hoa;
  const state = folded(hoa).state;
  const dismissed = byText(state, "Câu hỏi bị loại");
  assert.equal(isMine(dismissed, hoa.identity.id), true);
  assert.deepStrictEqual([dismissed.status, dismissed.dismissReason], ["dismissed", "Ngoài phạm vi tọa đàm"]);
  const anonymous = byText(state, "Đề xuất quỹ học bổng");
  assert.deepStrictEqual([anonymous.authorName, isMine(anonymous, hoa.identity.id)], ["Lê Thị Hoa", true]);
  // Another delegate's dismissed-before-publication question stays out of hoa's copy.
  assert.equal(Object.values(state.qandA.questions).find(q => q.text.startsWith("Câu hỏi sẽ rút lại")), undefined);
});

test("after a snapshot, the delegate's own questions under review and votes come back from MyQuestions", () => {
  const lan = recorded.lan;
  const state = stateFromSnapshot(lan.snapshot);
  assert.equal(Object.values(state.qandA.questions).find(q => q.text.startsWith("Câu hỏi sẽ rút lại")), undefined);
  withMine(state, lan.mine, lan.identity.id);
  const withdrawn = byText(state, "Câu hỏi sẽ rút lại");
  assert.deepStrictEqual([withdrawn.status, isMine(withdrawn, lan.identity.id)], ["withdrawn", true]);
  assert.equal(isMine(byText(state, "Làm sao để cán bộ trẻ"), lan.identity.id), true);
  assert.equal(hasVoted(byText(state, "Đề xuất quỹ học bổng"), lan.identity.id), true);
  assert.equal(hasVoted(byText(state, "Làm sao để cán bộ trẻ"), lan.identity.id), false);
  markVote(state, byText(state, "Câu hỏi trên giấy").id, lan.identity.id, true);
  assert.equal(hasVoted(byText(state, "Câu hỏi trên giấy"), lan.identity.id), true);
});

const tallies = (r: QaRecording) => r.live.filter(e => e.type === "qa.tallies");
const through = (e: EventEnvelope) => JSON.parse(e.data).through as number;

test("a tally message covers its numbers: a repeat of it changes nothing, and the next event follows it", () => {
  const r = recorded.display;
  const message = tallies(r).find(e => through(e) > e.seq) ?? tallies(r)[0]!;
  const forum = folded(r, r.events.filter(e => e.seq < message.seq));
  const { applied } = forum.receive(message);
  assert.deepStrictEqual(applied.map(a => a.envelope.seq), [message.seq]);
  assert.equal(forum.lastSeq, through(message));
  const before = JSON.stringify(forum.state);
  assert.equal(forum.receive(message).repeat, true);
  assert.equal(JSON.stringify(forum.state), before);
  const next = r.events.find(e => e.seq === through(message) + 1)!;
  assert.deepStrictEqual(forum.receive(next).applied.map(a => a.envelope.seq), [next.seq]);
  assert.equal(forum.hasGap, false);
});

test("a tally message ahead of a missing event is held, then applied; one overlapping a resume is still taken", () => {
  const r = recorded.display;
  const message = tallies(r)[0]!;
  const forum = folded(r, r.events.filter(e => e.seq < message.seq - 1));
  assert.equal(forum.receive(message).applied.length, 0);
  assert.equal(forum.hasGap, true);
  const missing = r.events.find(e => e.seq === message.seq - 1)!;
  assert.deepStrictEqual(forum.receive(missing).applied.map(a => a.envelope.seq), [missing.seq, message.seq]);
  assert.equal(forum.lastSeq, through(message));

  // The copy already has the run's first vote (from a resume); the message still brings the later tallies.
  const overlap = tallies(r).find(e => through(e) > e.seq);
  if (overlap) {
    const copy = folded(r, r.events.filter(e => e.seq <= overlap.seq));
    assert.deepStrictEqual(copy.receive(overlap).applied.map(a => a.envelope.seq), [overlap.seq]);
    assert.equal(copy.lastSeq, through(overlap));
    const expected = folded(r, r.events.filter(e => e.seq <= through(overlap))).state;
    assert.deepStrictEqual(copy.state.qandA, expected.qandA);
  }
});

test("a resume that repeats what the tallies covered skips it, and a tally message of an unknown version leaves a gap", () => {
  const r = recorded.host;
  const forum = followedLive(r);
  const applied = forum.apply({ epoch: r.epoch, head: r.head, snapshot: null, snapshotSeq: 0, events: r.events });
  assert.equal(applied.length, 0);
  const message = tallies(r)[0]!;
  const later = folded(r, r.events.filter(e => e.seq < message.seq));
  later.receive({ ...message, v: 2 });
  assert.equal(later.lastSeq, message.seq);
  const next = r.events.find(e => e.seq === through(message) + 1)!;
  if (through(message) > message.seq) {
    later.receive(next);
    assert.equal(later.hasGap, true, "the votes the message stood for are missing: the client resumes");
  }
});

test("lists: by votes (ties: asked first), newest first, filtered by topic, site, status and kind", () => {
  const state = folded(recorded.moderator).state;
  const byVotes = listQuestions(state.qandA, "votes");
  for (let i = 1; i < byVotes.length; i++) {
    const [a, b] = [byVotes[i - 1]!, byVotes[i]!];
    assert.ok(a.votes > b.votes || (a.votes === b.votes && a.submittedAt <= b.submittedAt));
  }
  const newest = listQuestions(state.qandA, "newest");
  assert.deepStrictEqual(newest.map(q => q.id), [...listQuestions(state.qandA, "oldest")].reverse().map(q => q.id));
  assert.ok(listQuestions(state.qandA, "votes", { topic: "Chuyển đổi số" }).every(q => q.topic === "Chuyển đổi số"));
  assert.ok(listQuestions(state.qandA, "votes", { site: "DNG" }).every(q => q.site === "DNG"));
  assert.deepStrictEqual(listQuestions(state.qandA, "votes", { kind: "proposal" }).map(q => q.kind), ["proposal"]);
  assert.ok(topQuestions(state.qandA, 2).every(q => q.status === "published"));
  assert.equal(isQandAOpenFor(state.qandA, "opening"), false);
  assert.equal(isQandAOpenFor(state.qandA, null), true);
});
