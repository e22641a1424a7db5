// The moderator's console (/moderator): the floor with its countdown and shortcuts, the speaker list of the
// current item, the agenda, roll call, exports and the board of the 62 bridge points.
import { newCommandId, type ForumClient } from "../forum/forum-client.js";
import { LoginRefused } from "../forum/connect.js";
import { currentItem, onDeck, openRollCall, queueOf, suggestFairOrder } from "../forum/queries.js";
import type { CommandResult, SpeakerRequest } from "../forum/state.js";
import { currentLanguage, errorText, onLanguageChange, setUpLanguage, t } from "../i18n/i18n.js";
import { byId, field, fill, h } from "../ui/dom.js";
import { batched, command, connect, exposePosition, forget, loadSites, showLink, siteName, type SiteInfo } from "../ui/page.js";
import { dateTimeWithZone, duration, timeWithZone } from "../ui/time.js";
import { alertsView, boardView, totalsText, type SiteBoard } from "./board-view.js";
import { floorView } from "./floor-view.js";

const storageKey = "eventhub.moderator";
let client: ForumClient | null = null;
let token = "";
let sites = new Map<string, SiteInfo>();
let board: SiteBoard | null = null;
let selectedSite: string | null = null;
let declining: { id: string; reason: string } | null = null;
let fairPreview: string[] | null = null;
let dragged: string | null = null;
let renaming: { id: string; title: string } | null = null;

setUpLanguage();
void start();

async function start(): Promise<void> {
  sites = await loadSites();
  byId<HTMLFormElement>("login-form").addEventListener("submit", logIn);
  byId("logout").addEventListener("click", logOut);
  wireFloor();
  wireRollCall();
  wireExports();
  wireHallSpeaker();
  try {
    await open(null);
  } catch {
    byId("login-view").hidden = false;
  }
}

async function logIn(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  try {
    await open({ role: "moderator", key: field(form, "key") });
  } catch (error) {
    const message = byId("login-message");
    message.className = "message error";
    fill(message, t("login.failed", { reason: error instanceof LoginRefused ? errorText(error.error) : String(error) }));
  }
}

async function open(request: Parameters<typeof connect>[1]): Promise<void> {
  const session = await connect(storageKey, request);
  client = session.client;
  exposePosition(client);
  token = session.login.token;
  byId("login-view").hidden = true;
  byId("console").hidden = false;
  byId("logout").hidden = false;
  fill(byId("who"), session.login.identity.name);
  const render = batched(renderAll);
  client.on("Board", (next: SiteBoard) => { board = next; renderBoard(); });
  client.subscribe(change => {
    if (change.kind === "applied" || change.kind === "snapshot") render();
    if (change.kind === "resumed") void refreshBoard();
  });
  showLink(client, byId("link"));
  onLanguageChange(() => { renderAll(); renderBoard(); });
  renderAll();
  void refreshBoard();
  setInterval(() => fill(byId("floor"), floorView(client!.forum.state, sites, Date.now())), 250);
  setInterval(renderRollCall, 1000);
}

async function refreshBoard(): Promise<void> {
  try {
    board = await client!.invoke<SiteBoard>("GetBoard");
    renderBoard();
  } catch {
    // the next Board message brings it
  }
}

async function logOut(): Promise<void> {
  forget(storageKey);
  await client?.stop();
  location.reload();
}

/** A floor command names the speech this console shows, so two consoles never both apply theirs. */
async function floorCommand(method: string, request: Record<string, unknown>): Promise<void> {
  const message = byId("floor-message");
  const result: CommandResult = await command(client!, method, request, message);
  if (!result.ok && (result.error?.code === "queue.floor_changed" || result.error?.code === "queue.not_speaking")) {
    message.className = "message notice";
    fill(message, t("mod.floorChanged"));
  }
}

function wireFloor(): void {
  const floor = () => client!.forum.state.speakerQueue.floor;
  const actions: Record<string, () => void> = {
    next: () => void floorCommand("CallNext", { expectedCurrent: floor()?.requestId ?? null }),
    pause: () => {
      const f = floor();
      if (f) void floorCommand(f.pausedAt === null ? "PauseSpeech" : "ResumeSpeech", { requestId: f.requestId });
    },
    "add-time": () => { const f = floor(); if (f) void floorCommand("AddTime", { requestId: f.requestId, seconds: 60 }); },
    end: () => { const f = floor(); if (f) void floorCommand("EndSpeech", { requestId: f.requestId }); },
  };
  for (const [id, action] of Object.entries(actions)) byId(id).addEventListener("click", action);
  const keys: Record<string, string> = { n: "next", p: "pause", t: "add-time", e: "end" };
  document.addEventListener("keydown", event => {
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select") !== null;
    if (!client || event.ctrlKey || event.metaKey || event.altKey || typing) return;
    const id = keys[event.key.toLowerCase()];
    if (!id || (byId<HTMLButtonElement>(id)).disabled) return;
    event.preventDefault();
    actions[id]!();
  });
}

/**
 * A speaker in the hall (no bridge site): added approved, appended or at the top, or added and given the floor at
 * once. The command id is the new request's id (docs/protocol.md), so "give the floor" can name it straight away.
 */
function wireHallSpeaker(): void {
  const form = byId<HTMLFormElement>("hall-form");
  const message = byId("list-message");
  const add = async (giveFloor: boolean) => {
    if (!form.reportValidity()) return;
    const requestId = newCommandId();
    const expectedCurrent = client!.forum.state.speakerQueue.floor?.requestId ?? null;
    const top = (form.elements.namedItem("top") as HTMLInputElement).checked;
    const added = await command(client!, "AddSpeaker", {
      commandId: requestId, site: null, speaker: field(form, "speaker"),
      speakerTitle: field(form, "speakerTitle") || null, topic: field(form, "topic") || null, position: top ? 1 : null,
    }, message);
    if (!added.ok) return;
    form.reset();
    if (giveFloor) await floorCommand("GiveFloor", { requestId, expectedCurrent });
  };
  form.addEventListener("submit", event => { event.preventDefault(); void add(false); });
  byId("hall-give").addEventListener("click", () => void add(true));
}

function wireRollCall(): void {
  byId<HTMLFormElement>("rollcall-form").addEventListener("submit", event => {
    event.preventDefault();
    void command(client!, "StartRollCall", { deadlineSeconds: Number(field(event.target as HTMLFormElement, "seconds")) }, byId("rollcall-message"));
  });
}

function wireExports(): void {
  const download = async (path: string, name: string) => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) return;
    const link = h("a", { href: URL.createObjectURL(await response.blob()), download: name });
    link.click();
    URL.revokeObjectURL(link.href);
  };
  byId("export-attendance").addEventListener("click", () => download("/api/reports/attendance.csv", "attendance.csv"));
  byId("export-speakers").addEventListener("click", () => download("/api/export/speakers.csv", "speakers.csv"));
  // The organisers' bundle at the close: the printable report, the exports and the log (docs/report.md).
  byId("export-bundle").addEventListener("click", () => download("/api/reports/bundle.zip", "bao-cao-toa-dam.zip"));
  wireJoinSheet();
}

/** The printable join sheets (each site's QR code and link for its delegates), opened in a tab of their own. */
function wireJoinSheet(): void {
  const select = byId<HTMLSelectElement>("join-sheet-site");
  for (const site of sites.values()) select.append(h("option", { value: site.code }, siteName(sites, site.code)));
  byId("join-sheet").addEventListener("click", async () => {
    const tab = window.open("", "_blank"); // opened within the click, or the browser blocks it
    const query = new URLSearchParams({ lang: currentLanguage(), ...(select.value ? { site: select.value } : {}) });
    const response = await fetch(`/api/join-sheet?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok || !tab) {
      tab?.close();
      return;
    }
    tab.location.href = URL.createObjectURL(await response.blob());
  });
}

function renderAll(): void {
  if (!client) return;
  const state = client.forum.state;
  fill(byId("floor"), floorView(state, sites, Date.now()));
  const floor = state.speakerQueue.floor;
  fill(byId("pause-label"), floor?.pausedAt ? t("mod.resume") : t("mod.pause"));
  for (const id of ["pause", "add-time", "end"]) byId<HTMLButtonElement>(id).disabled = !floor;
  const deck = onDeck(state);
  fill(byId("deck"), ...(deck.length === 0
    ? [h("li", { class: "muted" }, t("floor.nobodyNext"))]
    : deck.map(p => { const r = state.speakerQueue.requests[p.requestId]!; return h("li", {}, `${r.speaker} — ${siteName(sites, r.site)}`); })));
  renderList();
  renderAgenda();
  renderRollCall();
  renderSiteDetail();
}

function renderList(): void {
  const state = client!.forum.state;
  const item = currentItem(state);
  fill(byId("list-heading"), item ? t("mod.listOf", { item: item.title }) : t("mod.list"));
  const message = byId("list-message");
  const act = (method: string, request: Record<string, unknown>) => command(client!, method, request, message);
  if (!item) {
    fill(byId("queue"));
    return;
  }
  fill(byId("list-controls"),
    h("button", { type: "button", class: "secondary", onclick: () => act(item.isClosed ? "ReopenList" : "CloseList", { itemId: item.id }) },
      item.isClosed ? t("mod.reopenList") : t("mod.closeList")),
    h("button", { type: "button", class: "secondary", onclick: () => { if (confirm(t("mod.clearConfirm"))) void act("ClearList", { itemId: item.id }); } }, t("mod.clearList")),
    state.speakerQueue.lastSpeakerId ? h("button", { type: "button", class: "secondary", onclick: () => act("ReAddLastSpeaker", {}) }, t("mod.reAddLast")) : null,
    h("button", { type: "button", class: "secondary", onclick: showFairOrder }, t("mod.fairOrder")));
  renderFairPreview();
  const queue = queueOf(state, item);
  fill(byId("queue"), ...(queue.length === 0 ? [h("li", { class: "muted" }, t("mod.listEmpty"))] : queue.map((r, i) => queueRow(r, i + 1, queue.length))));
  if (declining) {
    const input = document.getElementById("decline-reason") as HTMLInputElement | null;
    input?.focus();
  }
}

function queueRow(r: SpeakerRequest, position: number, count: number): HTMLElement {
  const message = byId("list-message");
  const act = (method: string, request: Record<string, unknown>) => command(client!, method, request, message);
  const expectedCurrent = client!.forum.state.speakerQueue.floor?.requestId ?? null;
  const row = h("li", { draggable: "true", "data-request": r.id, "aria-label": `${position}. ${r.speaker || t("mod.hidden")} — ${siteName(sites, r.site)}` },
    h("strong", {}, `${position}.`),
    h("div", {},
      h("strong", {}, r.speaker || t("mod.hidden")), r.speakerTitle ? `, ${r.speakerTitle}` : "", " — ", siteName(sites, r.site), " ",
      h("span", { class: `status ${r.status}` }, t(`status.${r.status}`)), " ",
      h("span", { class: "muted" }, t("mod.waited", { time: duration(Date.now() - r.requestedAt) })),
      r.topic ? h("div", { class: "muted" }, r.topic) : null),
    h("div", { class: "actions" },
      r.status === "waiting" ? h("button", { type: "button", onclick: () => act("ApproveRequest", { requestId: r.id }) }, t("mod.approve")) : null,
      r.status === "waiting" && r.site !== null ? h("button", { type: "button", class: "secondary", onclick: () => { declining = { id: r.id, reason: "" }; renderList(); } }, t("mod.decline")) : null,
      // A hall speaker has no site to tell a reason to: they are taken off the list instead of declined.
      r.site === null ? h("button", { type: "button", class: "secondary", "aria-label": `${t("mod.remove")}: ${r.speaker}`, onclick: () => act("RemoveRequest", { requestId: r.id }) }, t("mod.remove")) : null,
      h("button", { type: "button", class: "secondary", disabled: position === 1, "aria-label": `${t("mod.up")}: ${r.speaker || siteName(sites, r.site)}`, onclick: () => act("MoveRequest", { requestId: r.id, position: position - 1 }) }, "↑ ", t("mod.up")),
      h("button", { type: "button", class: "secondary", disabled: position === count, "aria-label": `${t("mod.down")}: ${r.speaker || siteName(sites, r.site)}`, onclick: () => act("MoveRequest", { requestId: r.id, position: position + 1 }) }, "↓ ", t("mod.down")),
      position > 1 ? h("button", { type: "button", class: "secondary", onclick: () => act("MoveToTop", { requestId: r.id }) }, t("mod.top")) : null,
      h("button", { type: "button", class: "secondary", onclick: () => floorCommand("GiveFloor", { requestId: r.id, expectedCurrent }) }, t("mod.give"))),
    declining?.id === r.id ? declineForm(r) : null);
  row.addEventListener("dragstart", () => { dragged = r.id; row.classList.add("dragging"); });
  row.addEventListener("dragend", () => { dragged = null; row.classList.remove("dragging"); });
  row.addEventListener("dragover", event => event.preventDefault());
  row.addEventListener("drop", event => {
    event.preventDefault();
    if (dragged && dragged !== r.id) void act("MoveRequest", { requestId: dragged, position });
  });
  return row;
}

function declineForm(r: SpeakerRequest): HTMLElement {
  const form = h("form", { class: "row actions" },
    h("label", {}, t("mod.declineReason"), h("input", { id: "decline-reason", name: "reason", maxlength: 300, value: declining!.reason,
      oninput: (event: Event) => { declining!.reason = (event.target as HTMLInputElement).value; } })),
    h("button", { type: "submit", class: "danger" }, t("mod.decline")),
    h("button", { type: "button", class: "secondary", onclick: () => { declining = null; renderList(); } }, t("mod.ignore")));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const reason = declining?.reason.trim().normalize("NFC") || null;
    declining = null;
    await command(client!, "DeclineRequest", { requestId: r.id, reason }, byId("list-message"));
    renderList();
  });
  return form;
}

/** The fair order is computed here, as the hub would, and shown as a preview to apply or ignore. */
function showFairOrder(): void {
  const state = client!.forum.state;
  const item = currentItem(state);
  if (!item) return;
  const suggested = suggestFairOrder(state, item);
  fairPreview = suggested.join() === item.queue.join() ? [] : suggested;
  renderFairPreview();
}

function renderFairPreview(): void {
  const state = client!.forum.state;
  const item = currentItem(state);
  if (fairPreview === null || !item) {
    fill(byId("fair"));
    return;
  }
  if (fairPreview.length === 0) {
    fill(byId("fair"), h("p", { class: "muted" }, t("mod.fairSame")));
    return;
  }
  const order = fairPreview;
  fill(byId("fair"), h("div", { class: "panel" },
    h("p", {}, t("mod.fairPreview")),
    h("ol", {}, ...order.map(id => { const r = state.speakerQueue.requests[id]!; return h("li", {}, `${r.speaker || t("mod.hidden")} — ${siteName(sites, r.site)}`); })),
    h("button", { type: "button", onclick: async () => {
      fairPreview = null;
      await command(client!, "ApplyOrder", { itemId: item.id, requestIds: order }, byId("list-message"));
      renderFairPreview();
    } }, t("mod.apply")),
    " ",
    h("button", { type: "button", class: "secondary", onclick: () => { fairPreview = null; renderFairPreview(); } }, t("mod.ignore"))));
}

/** The agenda: make current, move, rename; add an item; the current list's options. */
function renderAgenda(): void {
  const state = client!.forum.state;
  const message = byId("list-message");
  const act = (method: string, request: Record<string, unknown>) => command(client!, method, request, message);
  const agenda = state.speakerQueue.agenda;
  const items = agenda.map((item, index) => {
    const current = item.id === state.speakerQueue.currentItemId;
    if (renaming?.id === item.id) {
      const form = h("form", { class: "row" },
        h("label", {}, t("mod.itemTitle"), h("input", { name: "title", value: renaming.title, maxlength: 300, required: true,
          oninput: (event: Event) => { renaming!.title = (event.target as HTMLInputElement).value; } })),
        h("button", { type: "submit" }, t("mod.save")),
        h("button", { type: "button", class: "secondary", onclick: () => { renaming = null; renderAgenda(); } }, t("mod.cancel")));
      form.addEventListener("submit", async event => {
        event.preventDefault();
        const title = renaming!.title.trim().normalize("NFC");
        renaming = null;
        await act("RenameAgendaItem", { itemId: item.id, title });
        renderAgenda();
      });
      return h("li", {}, form);
    }
    return h("li", { "aria-current": current ? "step" : null },
      current ? h("strong", {}, item.title, ` (${t("agenda.current")})`) : item.title,
      item.isClosed ? h("span", { class: "muted" }, ` (${t("agenda.closed")})`) : null,
      current ? null : h("button", { type: "button", class: "secondary", onclick: () => act("SetCurrentAgendaItem", { itemId: item.id }) }, t("mod.setCurrent")),
      h("button", { type: "button", class: "secondary", disabled: index === 0, "aria-label": `${t("mod.moveItemUp")}: ${item.title}`,
        onclick: () => act("MoveAgendaItem", { itemId: item.id, position: index }) }, "↑"),
      h("button", { type: "button", class: "secondary", disabled: index === agenda.length - 1, "aria-label": `${t("mod.moveItemDown")}: ${item.title}`,
        onclick: () => act("MoveAgendaItem", { itemId: item.id, position: index + 2 }) }, "↓"),
      h("button", { type: "button", class: "secondary", "aria-label": `${t("mod.rename")}: ${item.title}`,
        onclick: () => { renaming = { id: item.id, title: item.title }; renderAgenda(); } }, t("mod.rename")));
  });
  const add = h("form", { class: "row" },
    h("label", {}, t("mod.itemTitle"), h("input", { name: "title", maxlength: 300, required: true })),
    h("label", {}, t("mod.itemSeconds"), h("input", { name: "seconds", type: "number", min: 1, max: 3600, value: 300, required: true })),
    h("button", { type: "submit" }, t("mod.addItem")));
  add.addEventListener("submit", async event => {
    event.preventDefault();
    const result = await act("AddAgendaItem", { title: field(add, "title"), defaultSpeakingSeconds: Number(field(add, "seconds")) });
    if (result.ok) add.reset();
  });
  const item = currentItem(state);
  const options = item ? h("form", { class: "row", "aria-label": t("mod.listOptions") },
    h("label", {}, t("mod.itemSeconds"), h("input", { name: "seconds", type: "number", min: 1, max: 3600, value: item.defaultSpeakingSeconds, required: true })),
    h("label", {}, h("input", { name: "onePerSite", type: "checkbox", checked: item.oneRequestPerSite }), " ", t("mod.onePerSite")),
    h("button", { type: "submit", class: "secondary" }, t("mod.save"))) : null;
  options?.addEventListener("submit", event => {
    event.preventDefault();
    const onePerSite = (options.elements.namedItem("onePerSite") as HTMLInputElement).checked;
    void act("SetListOptions", { itemId: item!.id, defaultSpeakingSeconds: Number(field(options, "seconds")), oneRequestPerSite: onePerSite });
  });
  // Keep what the moderator is typing when an event re-renders the agenda.
  const typingIn = (id: string) => byId(id).contains(document.activeElement) && document.activeElement?.tagName === "INPUT";
  if (!typingIn("agenda")) fill(byId("agenda"), ...items);
  if (!typingIn("agenda-forms")) fill(byId("agenda-forms"), options ? h("h3", {}, t("mod.listOptions")) : null, options, h("h3", {}, t("mod.addItem")), add);
}

function renderRollCall(): void {
  if (!client) return;
  const state = client.forum.state;
  const calls = state.attendance.rollCalls;
  const latest = calls[calls.length - 1];
  if (!latest) {
    fill(byId("rollcall"), h("p", { class: "muted" }, t("mod.rollCallNone")));
    return;
  }
  const total = state.siteCodes.length;
  const answered = Object.keys(latest.confirmed).length;
  const missing = state.siteCodes.filter(code => latest.confirmed[code] === undefined);
  const open = openRollCall(state, Date.now());
  fill(byId("rollcall"),
    h("p", { "data-testid": "rollcall-count" }, open
      ? t("mod.rollCallCount", { answered, total, deadline: timeWithZone(latest.deadlineAt) })
      : t("mod.rollCallClosed", { answered, total })),
    h("p", { class: "muted" }, t("mod.rollCallMissing", { sites: missing.length > 12 ? `${missing.slice(0, 12).join(", ")} … (${missing.length})` : missing.join(", ") })),
    latest.closedAt === null ? h("button", { type: "button", class: "secondary", onclick: () => command(client!, "CloseRollCall", { site: null }, byId("rollcall-message")) }, t("mod.rollCallClose")) : null);
}

function renderBoard(): void {
  if (!board) return;
  fill(byId("totals"), totalsText(board));
  const select = (code: string) => { selectedSite = code; renderSiteDetail(); };
  fill(byId("alerts"), alertsView(board, sites, select));
  fill(byId("board"), boardView(board, sites, select));
}

/** A clicked site: its check-in history and its requests. */
function renderSiteDetail(): void {
  if (!client || !selectedSite) return;
  const code = selectedSite;
  const state = client.forum.state;
  const attendance = state.attendance.sites[code];
  const row = board?.sites.find(s => s.site === code);
  const requests = Object.values(state.speakerQueue.requests).filter(r => r.site === code);
  const delegates = Object.values(state.attendance.delegates).filter(d => d.site === code).sort((a, b) => a.joinedAt - b.joinedAt);
  fill(byId("site-detail"), h("div", { class: "panel" },
    h("h3", {}, t("mod.siteDetail", { name: siteName(sites, code) })),
    row?.hostLastHeardAt ? h("p", { class: "muted" }, t("mod.lastHeard", { ago: duration(board!.at - row.hostLastHeardAt) })) : null,
    h("h4", {}, t("mod.siteHistory")),
    (attendance?.spells.length ?? 0) === 0 ? h("p", { class: "muted" }, t("mod.noHistory")) : h("ul", { "data-testid": "site-history" }, ...attendance!.spells.map(s => h("li", {},
      t("site.historyIn", { time: dateTimeWithZone(s.checkedInAt), lead: s.lead }), " — ",
      s.checkedOutAt === null ? t("site.historyStill") : t("site.historyOut", { time: dateTimeWithZone(s.checkedOutAt) })))),
    h("h4", {}, t("mod.siteRequests")),
    requests.length === 0 ? h("p", { class: "muted" }, t("mod.noRequests")) : h("ul", { "data-testid": "site-requests" }, ...requests.map(r => h("li", {},
      `${r.speaker || t("mod.hidden")} — ${r.topic ?? ""} `, h("span", { class: `status ${r.status}` }, t(`status.${r.status}`))))),
    h("h3", {}, t("mod.delegates")),
    delegates.length === 0 ? h("p", { class: "muted" }, t("mod.noDelegates")) : h("ul", { class: "plain" }, ...delegates.map(d => h("li", {},
      h("strong", {}, d.name), d.agency ? `, ${d.agency}` : "", d.awardee ? ` (${t("mod.awardee")})` : "",
      d.awardeeClaimed ? ` (${t("mod.awardeeClaimed")}) ` : null,
      d.awardeeClaimed ? h("button", { type: "button", class: "secondary", "aria-label": `${t("mod.confirmAwardee")}: ${d.name}`,
        onclick: () => command(client!, "ConfirmAwardee", { delegateId: d.id }, byId("site-message")) }, t("mod.confirmAwardee")) : null,
      d.removed ? h("span", { class: "status removed" }, ` ${t("mod.delegateRemoved")}`) : null, " ",
      h("button", { type: "button", class: "secondary", "aria-label": `${d.removed ? t("mod.readmitDelegate") : t("mod.removeDelegate")}: ${d.name}`,
        onclick: () => command(client!, d.removed ? "ReadmitDelegate" : "RemoveDelegate", { delegateId: d.id }, byId("site-message")) },
        d.removed ? t("mod.readmitDelegate") : t("mod.removeDelegate")))))));
}

