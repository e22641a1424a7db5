// The site host's page (/site): attendance, the floor request, "you are next", roll call, and the site kept
// present while the page is open (the client answers the hub's pings).
import type { ForumClient } from "../forum/forum-client.js";
import { LoginRefused } from "../forum/connect.js";
import { currentItem, onDeck, openRollCall, positionsOf, speaking } from "../forum/queries.js";
import { errorText, onLanguageChange, setUpLanguage, t } from "../i18n/i18n.js";
import { byId, field, fill, h } from "../ui/dom.js";
import { batched, chime, command, connect, exposePosition, forget, loadSites, showLink, siteName, unlockSound, type SiteInfo } from "../ui/page.js";
import { dateTimeWithZone, timeWithZone } from "../ui/time.js";
import { clockOf, floorView } from "./floor-view.js";

const storageKey = "eventhub.site";
let client: ForumClient | null = null;
let site = "";
let sites = new Map<string, SiteInfo>();
let rttMs: number | null = null;
let deckRequest: string | null = null;

setUpLanguage();
void start();

async function start(): Promise<void> {
  sites = await loadSites();
  byId<HTMLFormElement>("login-form").addEventListener("submit", logIn);
  byId("logout").addEventListener("click", logOut);
  wireForms();
  try {
    await open(null);
  } catch {
    byId("login-view").hidden = false; // no stored login (or it expired): ask for one
  }
}

async function logIn(event: Event): Promise<void> {
  event.preventDefault();
  unlockSound();
  const form = event.target as HTMLFormElement;
  const message = byId("login-message");
  try {
    await open({ role: "siteHost", site: field(form, "site").toUpperCase(), key: field(form, "key") });
  } catch (error) {
    message.className = "message error";
    fill(message, t("login.failed", { reason: error instanceof LoginRefused ? errorText(error.error) : String(error) }));
  }
}

async function open(request: Parameters<typeof connect>[1]): Promise<void> {
  const session = await connect(storageKey, request);
  client = session.client;
  site = session.login.identity.site ?? "";
  exposePosition(client);
  byId("login-view").hidden = true;
  byId("site-view").hidden = false;
  byId("logout").hidden = false;
  fill(byId("who"), session.login.identity.name);
  const render = batched(renderAll);
  client.subscribe(change => { if (change.kind !== "pending") render(); });
  showLink(client, byId("link"));
  onLanguageChange(renderAll);
  renderAll();
  setInterval(renderClock, 250);
  void measureRoundTrip();
  setInterval(measureRoundTrip, 10_000);
  holdPresenceLock();
}

/**
 * Holds a Web Lock for as long as the page is open: Chrome does not freeze a hidden tab that holds one (its
 * freezing policy), and a frozen page could not answer the hub's pings. Pings need no timer, so a hidden tab's
 * throttled timers do not matter.
 */
function holdPresenceLock(): void {
  // Shared: a second tab of the same site holds it too instead of queueing behind the first.
  void navigator.locks?.request("eventhub.site-present", { mode: "shared" }, () => new Promise<void>(() => undefined)).catch(() => undefined);
}

async function logOut(): Promise<void> {
  forget(storageKey);
  await client?.stop();
  location.reload();
}

/** The hub's round trip as this page sees it: the time a WhoAmI call takes. */
async function measureRoundTrip(): Promise<void> {
  if (!client || client.state === "reconnecting") return;
  const started = performance.now();
  try {
    await client.invoke("WhoAmI");
    rttMs = Math.round(performance.now() - started);
  } catch {
    rttMs = null;
  }
  renderFooter();
}

function wireForms(): void {
  byId<HTMLFormElement>("checkin-form").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const result = await command(client!, "CheckIn", { lead: field(form, "lead"), headcount: Number(field(form, "headcount")) }, byId("attendance-message"));
    if (result.ok) form.reset();
  });
  byId<HTMLFormElement>("headcount-form").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    await command(client!, "UpdateHeadcount", { headcount: Number(field(form, "headcount")) }, byId("attendance-message"));
  });
  byId("checkout").addEventListener("click", () => command(client!, "CheckOut", {}, byId("attendance-message")));
  byId<HTMLFormElement>("request-form").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const result = await command(client!, "RequestFloor", {
      speaker: field(form, "speaker"), speakerTitle: field(form, "speakerTitle") || null, topic: field(form, "topic"),
    }, byId("request-message"));
    if (result.ok) form.reset();
  });
}

function renderAll(): void {
  if (!client) return;
  const state = client.forum.state;
  fill(byId("heading"), t("site.heading", { name: siteName(sites, site) }));
  document.title = `${siteName(sites, site)} — EventHub`;
  renderBanners();
  fill(byId("floor"), floorView(state, sites, Date.now()));
  fill(byId("agenda"), ...state.speakerQueue.agenda.map(item =>
    h("li", { "aria-current": item.id === state.speakerQueue.currentItemId ? "step" : null },
      item.title,
      item.id === state.speakerQueue.currentItemId ? h("strong", {}, ` (${t("agenda.current")})`) : null,
      item.isClosed ? h("span", { class: "muted" }, ` (${t("agenda.closed")})`) : null)));
  renderAttendance();
  renderRequests();
  renderRollCall();
  renderFooter();
}

/**
 * "You are next" (with the chime when it first appears) and "you have the floor" with the countdown. Redrawn only
 * when one of them changes: the region is an alert, and redrawing it would read it out again at every event.
 */
let bannersShown = "";
function renderBanners(): void {
  const state = client!.forum.state;
  const deck = onDeck(state);
  const hasFloor = speaking(state)?.site === site;
  const next = deck[0]?.site === site ? deck[0] : null;
  const afterThat = !next && deck[1]?.site === site;
  if (next && next.requestId !== deckRequest) chime();
  deckRequest = next?.requestId ?? null;
  const shown = `${hasFloor}|${next?.requestId}|${afterThat}|${t("site.onDeck")}`;
  if (shown === bannersShown) return;
  bannersShown = shown;
  const clock = clockOf(state, Date.now());
  fill(byId("banners"),
    hasFloor ? h("div", { class: `banner floor phase-${clock?.phase}` }, t("site.hasFloor"), " ",
      // Read aloud once with the banner; the ticking number is the floor panel's timer, not a live announcement.
      h("span", { class: "countdown", "aria-hidden": "true", "data-testid": "my-countdown" }, clock?.text ?? "")) : null,
    next ? h("div", { class: "banner deck", "data-testid": "on-deck" }, t("site.onDeck")) : null,
    afterThat ? h("div", { class: "banner", "data-testid": "after-that" }, t("site.afterThat")) : null);
}

function renderClock(): void {
  if (!client?.forum.state.speakerQueue.floor) return;
  const state = client.forum.state;
  fill(byId("floor"), floorView(state, sites, Date.now()));
  const mine = document.querySelector('[data-testid="my-countdown"]');
  if (mine) mine.textContent = clockOf(state, Date.now())?.text ?? "";
}

function renderAttendance(): void {
  const attendance = client!.forum.state.attendance.sites[site];
  const checkedIn = attendance?.checkedIn === true;
  fill(byId("attendance-status"), checkedIn
    ? t("site.checkedIn", { headcount: attendance!.headcount, lead: attendance!.lead ?? "" })
    : t("site.notCheckedIn"));
  byId("checkin-form").hidden = checkedIn;
  byId("headcount-form").hidden = !checkedIn;
  const spells = attendance?.spells ?? [];
  fill(byId("history"), ...(spells.length === 0
    ? [h("li", { class: "muted" }, t("site.historyEmpty"))]
    : spells.map(s => h("li", {}, t("site.historyIn", { time: dateTimeWithZone(s.checkedInAt), lead: s.lead }), " — ",
      s.checkedOutAt === null ? t("site.historyStill") : t("site.historyOut", { time: dateTimeWithZone(s.checkedOutAt) })))));
}

function renderRequests(): void {
  const state = client!.forum.state;
  const item = currentItem(state);
  const positions = new Map(positionsOf(state, site).map(p => [p.requestId, p.position]));
  const mine = Object.values(state.speakerQueue.requests).filter(r => r.site === site && r.itemId === item?.id);
  fill(byId("requests"), ...(mine.length === 0
    ? [h("li", { class: "muted" }, t("site.noRequests"))]
    : mine.sort((a, b) => a.requestedAt - b.requestedAt).map(r => h("li", { "data-request": r.id },
      h("strong", {}, r.speaker), r.topic ? ` — ${r.topic} ` : " ",
      h("span", { class: `status ${r.status}` }, t(`status.${r.status}`)),
      positions.has(r.id) ? h("span", {}, " · ", t("site.position", { position: positions.get(r.id)! })) : null,
      r.status === "declined" && r.declineReason ? h("div", { class: "muted" }, t("site.reason", { reason: r.declineReason })) : null,
      r.status === "waiting" || r.status === "approved"
        ? h("button", { type: "button", class: "secondary", onclick: () => command(client!, "WithdrawRequest", { requestId: r.id }, byId("request-message")) }, t("site.withdraw"))
        : null))));
}

function renderRollCall(): void {
  const state = client!.forum.state;
  const open = openRollCall(state, Date.now());
  if (!open) {
    fill(byId("rollcall"), h("p", { class: "muted" }, t("site.rollCallNone")));
    return;
  }
  const answered = open.confirmed[site];
  fill(byId("rollcall"),
    h("p", {}, t("site.rollCallOpen", { deadline: timeWithZone(open.deadlineAt) })),
    answered !== undefined
      ? h("p", {}, t("site.rollCallDone", { time: timeWithZone(answered) }))
      : h("button", { type: "button", onclick: () => command(client!, "ConfirmRollCall", {}, byId("rollcall-message")) }, t("site.rollCallConfirm")));
}

function renderFooter(): void {
  if (!client) return;
  const tally = client.forum.state.attendance.tallies[site];
  fill(byId("delegates"), t("site.delegates", { count: tally?.delegates ?? 0 }));
  fill(byId("rtt"), rttMs === null ? t("site.rttUnknown") : t("site.rtt", { ms: rttMs }));
}
