// Records test/fixtures/qa-log.json from a real hub started on a fresh data folder:
//   node test/record-qa-fixtures.mjs http://127.0.0.1:5090 DATA_DIR/credentials.json test/fixtures/qa-log.json
// It plays a short live Q&A (configure, open, questions under review, publish, votes, edit, merge, dismiss, label,
// highlight, answer, an anonymous question, a withdrawal, a removed delegate) and keeps, for each audience, what it
// received live (with the fan-out's coalesced `qa.tallies`), the whole log by Resume, and its snapshot at the head.
import * as signalR from "@microsoft/signalr";
import fs from "node:fs";
const [base, credentials, out] = process.argv.slice(2);
const creds = JSON.parse(fs.readFileSync(credentials, "utf8"));
const sites = creds.sites ?? creds.Sites;
const key = (s, k) => sites[s][k] ?? sites[s][k.charAt(0).toUpperCase() + k.slice(1)];
async function login(body) {
  const r = await fetch(base + "/api/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const j = await r.json(); if (!r.ok) throw new Error(JSON.stringify(j)); return j;
}
async function connect(body) {
  const { token, identity } = await login(body);
  const c = new signalR.HubConnectionBuilder().withUrl(base + "/hubs/forum", { accessTokenFactory: () => token }).build();
  const live = [];
  c.on("Event", e => live.push(e)); c.on("Position", () => {}); c.on("Board", () => {}); c.on("Ping", n => c.send("Pong", n));
  await c.start();
  const start = await c.invoke("Resume", { epoch: null, afterSeq: 0 });
  return { c, live, identity, startHead: start.head };
}
const sleep = ms => new Promise(r => setTimeout(r, ms));
let n = 0; const id = () => `qa-${Date.now().toString(36)}-${n++}`;
const ok = async (who, m, req = {}) => { const r = await who.c.invoke(m, { commandId: id(), ...req }); if (!r.ok) throw new Error(m + JSON.stringify(r.error)); return r; };

const mod = await connect({ role: "moderator", key: creds.moderatorKey ?? creds.ModeratorKey });
const reviewer = await connect({ role: "reviewer", key: creds.reviewerKey ?? creds.ReviewerKey });
const host = await connect({ role: "siteHost", key: key("HCM", "hostKey"), site: "HCM" });
const display = await connect({ role: "display", key: creds.displayKey ?? creds.DisplayKey });
const lan = await connect({ role: "delegate", key: key("HCM", "joinCode"), site: "HCM", name: "Nguyễn Thị Lan", agency: "Sở Nội vụ" });
const hoa = await connect({ role: "delegate", key: key("DNG", "joinCode"), site: "DNG", name: "Lê Thị Hoa" });
const binh = await connect({ role: "delegate", key: key("DNG", "joinCode"), site: "DNG", name: "Trần Văn Bình" });

await ok(mod, "ConfigureQandA", { review: true, allowAnonymous: true, namesToReviewers: false, topics: ["Chuyển đổi số", "Đào tạo"], questionsPerTenMinutes: 10 });
await ok(mod, "OpenQandA", {});
const q1 = id(); await ok(lan, "AskQuestion", { commandId: q1, kind: "question", text: "Làm sao để cán bộ trẻ được đào tạo chuyển đổi số?", topic: "Chuyển đổi số" });
const q2 = id(); await ok(hoa, "AskQuestion", { commandId: q2, kind: "proposal", text: "Đề xuất quỹ học bổng cho công chức trẻ", anonymous: true });
const q3 = id(); await ok(binh, "AskQuestion", { commandId: q3, text: "Cán bộ trẻ được đào tạo chuyển đổi số như thế nào?" });
const q4 = id(); await ok(host, "AskQuestion", { commandId: q4, text: "Câu hỏi trên giấy từ hội trường HCM", topic: "Đào tạo" });
const q5 = id(); await ok(lan, "AskQuestion", { commandId: q5, text: "Câu hỏi sẽ rút lại" });
await ok(lan, "EditQuestion", { questionId: q1, text: "Làm sao để cán bộ trẻ được đào tạo về chuyển đổi số?", topic: "Chuyển đổi số" });
await ok(lan, "WithdrawQuestion", { questionId: q5 });
await ok(reviewer, "PublishQuestion", { questionId: q1 });
await ok(reviewer, "PublishQuestion", { questionId: q2 });
await ok(reviewer, "PublishQuestion", { questionId: q4 });
await ok(hoa, "VoteQuestion", { questionId: q1 });
await ok(binh, "VoteQuestion", { questionId: q1 });
await ok(lan, "VoteQuestion", { questionId: q2 });
await ok(binh, "VoteQuestion", { questionId: q2 });
await ok(binh, "UnvoteQuestion", { questionId: q2 });
await sleep(600); // the tallies go out
await ok(reviewer, "EditQuestion", { questionId: q2, text: "Đề xuất quỹ học bổng cho công chức trẻ.", topic: "Đào tạo" });
await ok(reviewer, "PublishQuestion", { questionId: q3 });
await ok(hoa, "VoteQuestion", { questionId: q3 });
await ok(reviewer, "MergeQuestions", { keptId: q1, duplicateId: q3 });
await ok(reviewer, "LabelQuestion", { questionId: q4, topic: null });
await ok(mod, "HighlightQuestion", { questionId: q1 });
const q6 = id(); await ok(hoa, "AskQuestion", { commandId: q6, text: "Câu hỏi bị loại" });
await ok(reviewer, "DismissQuestion", { questionId: q6, reason: "Ngoài phạm vi tọa đàm" });
const q7 = id(); await ok(lan, "AskQuestion", { commandId: q7, text: "Câu hỏi đã công bố rồi bị loại" });
await ok(reviewer, "PublishQuestion", { questionId: q7 });
await ok(reviewer, "DismissQuestion", { questionId: q7, reason: "Trùng lặp" });
await ok(mod, "HighlightQuestion", { questionId: q2 });
await ok(mod, "MarkAnswered", { questionId: q2 });
await ok(binh, "VoteQuestion", { questionId: q4 });
await sleep(600);
await ok(mod, "RemoveDelegate", { delegateId: binh.identity.id });
await ok(mod, "CloseQandA", { itemId: "opening" });
await ok(mod, "HighlightQuestion", { questionId: q4 });
await ok(hoa, "VoteQuestion", { questionId: q4 });
await sleep(600);

const record = {};
for (const [who, x] of Object.entries({ moderator: mod, reviewer, host, display, lan, hoa })) {
  const all = await x.c.invoke("Resume", { epoch: null, afterSeq: 0 });
  const snap = await x.c.invoke("Resume", { epoch: "another-epoch", afterSeq: 0 });
  const mine = await x.c.invoke("MyQuestions");
  record[who] = {
    identity: x.identity, epoch: all.epoch, head: all.head, events: all.events, liveFrom: x.startHead, live: x.live,
    snapshot: snap.snapshot, snapshotSeq: snap.snapshotSeq, mine,
  };
}
fs.writeFileSync(out, JSON.stringify(record, null, 1));
for (const x of [mod, reviewer, host, display, lan, hoa, binh]) await x.c.stop();
console.log("recorded", record.moderator.head, "events;", record.display.live.filter(e => e.type === "qa.tallies").length, "tally messages to the display");
