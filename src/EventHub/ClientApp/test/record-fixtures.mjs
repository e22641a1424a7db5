// Records the fixture test/fixtures/forum-log.json from a real hub started on a fresh data folder:
//   node test/record-fixtures.mjs http://127.0.0.1:5080 DATA_DIR/credentials.json test/fixtures/forum-log.json
// It plays a short forum (check-ins, two requests, a roll call, a speech) and keeps what each audience received.
import * as signalR from "@microsoft/signalr";
import fs from "node:fs";
const [base, credentials, out] = process.argv.slice(2);
const creds = JSON.parse(fs.readFileSync(credentials, "utf8"));
async function login(body) {
  const r = await fetch(base + "/api/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const j = await r.json(); if (!r.ok) throw new Error(JSON.stringify(j)); return j.token;
}
async function connect(token) {
  const c = new signalR.HubConnectionBuilder().withUrl(base + "/hubs/forum", { accessTokenFactory: () => token }).build();
  c.on("Event", () => {}); c.on("Position", () => {}); c.on("Board", () => {}); c.on("Ping", n => c.send("Pong", n));
  await c.start(); return c;
}
const mod = await connect(await login({ role: "moderator", key: creds.moderatorKey ?? creds.ModeratorKey }));
const sites = creds.sites ?? creds.Sites;
const host = await connect(await login({ role: "siteHost", key: sites.HCM.hostKey ?? sites.HCM.HostKey, site: "HCM" }));
const host2 = await connect(await login({ role: "siteHost", key: sites.DNG.hostKey ?? sites.DNG.HostKey, site: "DNG" }));
await login({ role: "delegate", key: sites.HCM.joinCode ?? sites.HCM.JoinCode, site: "HCM", name: "Nguyễn Thị Lan", agency: "Sở Nội vụ", awardee: true });
let n = 0; const id = () => `rec-${Date.now()}-${n++}`;
const ok = async (c, m, req) => { const r = await c.invoke(m, { commandId: id(), ...req }); if (!r.ok) throw new Error(m + JSON.stringify(r.error)); return r; };
await ok(host, "CheckIn", { lead: "Trần Văn Bình", headcount: 40 });
await ok(host2, "CheckIn", { lead: "Lê Thị Hoa", headcount: 25 });
await ok(host, "UpdateHeadcount", { headcount: 42 });
const rq = id(); await ok(host, "RequestFloor", { commandId: rq, speaker: "Phạm Minh Đức", speakerTitle: "Phó Giám đốc Sở", topic: "Chuyển đổi số" });
const rq2 = id(); await ok(host2, "RequestFloor", { commandId: rq2, speaker: "Võ Thị Mai", topic: "Đào tạo cán bộ trẻ" });
await ok(mod, "ApproveRequest", { requestId: rq });
await ok(mod, "DeclineRequest", { requestId: rq2, reason: "Trùng chủ đề" });
const rc = id(); await ok(mod, "StartRollCall", { commandId: rc, deadlineSeconds: 60 });
await ok(host, "ConfirmRollCall", {});
await ok(mod, "CloseRollCall", {});
const st = await mod.invoke("Resume", { epoch: null, afterSeq: 0 });
// the current speaker first ends (seeded speakers may be queued); give the floor to the site's request
await ok(mod, "GiveFloor", { requestId: rq, expectedCurrent: null });
await ok(mod, "PauseSpeech", { requestId: rq });
await ok(mod, "ResumeSpeech", { requestId: rq });
await ok(mod, "AddTime", { requestId: rq, seconds: 60 });
await ok(mod, "EndSpeech", { requestId: rq });
await ok(host, "CheckOut", {});
const display = await connect(await login({ role: "display", key: creds.displayKey ?? creds.DisplayKey }));
const record = {};
for (const [who, c] of [["moderator", mod], ["host", host], ["display", display]]) {
  const all = await c.invoke("Resume", { epoch: null, afterSeq: 0 });
  const snap = await c.invoke("Resume", { epoch: "another-epoch", afterSeq: 0 });
  record[who] = { epoch: all.epoch, head: all.head, events: all.events, snapshot: snap.snapshot, snapshotSeq: snap.snapshotSeq, snapshotEvents: snap.events };
}
fs.writeFileSync(out, JSON.stringify(record, null, 1));
for (const c of [mod, host, host2, display]) await c.stop();
console.log("recorded", record.moderator.head, "events");
