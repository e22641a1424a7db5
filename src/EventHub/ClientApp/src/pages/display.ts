// The projector (/display): who speaks and the countdown, who is next, the attendance totals and the question being
// answered, readable from the back of a hall and needing no hand once it runs. `?site=HCM` makes it a site's own
// display ("you are next", "you have the floor"). It logs in with the display key, entered once or carried by a
// link (`?key=`), kept in the browser, and it never shows a countdown as live while it cannot hear the hub.
import type { ForumClient } from "../forum/forum-client.js";
import { login, LoginRefused, openForum, type Login } from "../forum/connect.js";
import { jitteredBackoff } from "../forum/forum-client.js";
import { nowAnswering, topQuestions } from "../forum/qanda.js";
import { currentItem, onDeck, positionsOf, speaking } from "../forum/queries.js";
import type { ForumState, Question } from "../forum/state.js";
import { errorText, onLanguageChange, setLanguage, setUpLanguage, t } from "../i18n/i18n.js";
import { byId, field, fill, h } from "../ui/dom.js";
import { batched, exposePosition, loadSites, type SiteInfo } from "../ui/page.js";
import { clock } from "../ui/time.js";
import { clockOf } from "./floor-view.js";

const keyStorage = "eventhub.display.key";
/** Re-login this long before the token expires: the reload takes a fresh token and resumes from a snapshot. */
const renewBeforeMs = 10 * 60_000;

const query = new URLSearchParams(location.search);
let ownSite = (query.get("site") ?? "").trim().toUpperCase() || null;
let client: ForumClient | null = null;
/** The key when the browser keeps no storage (private mode). */
let sessionKey: string | null = null;
let sites = new Map<string, SiteInfo>();
/** The countdown's text when the link was lost: shown greyed and still, never ticking on a copy that may be stale. */
let frozenClock: string | null = null;
/** Server time minus this machine's, from live events (a projector laptop's clock is rarely set). */
let clockOffsetMs = 0;
const offsetSamples: number[] = [];

if (query.get("lang") === "en" || query.get("lang") === "vi") setLanguage(query.get("lang") as "en" | "vi");
setUpLanguage();
void start();

async function start(): Promise<void> {
  takeKeyFromLink();
  byId<HTMLFormElement>("login-form").addEventListener("submit", submitKey);
  sites = await patiently(loadSites);
  const key = storedKey();
  if (key) await open(key);
  else showLogin(null);
}

/** A key in the link is kept and taken off the address bar, so the projected page never shows it. */
function takeKeyFromLink(): void {
  const key = query.get("key");
  if (!key) return;
  storeKey(key);
  query.delete("key");
  const rest = query.toString();
  history.replaceState(null, "", location.pathname + (rest ? `?${rest}` : ""));
}

function storedKey(): string | null {
  try {
    return localStorage.getItem(keyStorage) ?? sessionKey;
  } catch {
    return sessionKey;
  }
}

function storeKey(key: string | null): void {
  sessionKey = key;
  try {
    if (key === null) localStorage.removeItem(keyStorage);
    else localStorage.setItem(keyStorage, key);
  } catch {
    // private mode: the key lasts for this page only
  }
}

function showLogin(error: string | null): void {
  byId("display-view").hidden = true;
  byId("login-view").hidden = false;
  const message = byId("login-message");
  message.className = error ? "message error" : "message";
  fill(message, error ? t("login.failed", { reason: error }) : "");
}

async function submitKey(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const site = field(form, "site").toUpperCase();
  if (site) {
    ownSite = site;
    query.set("site", site);
    history.replaceState(null, "", `${location.pathname}?${query}`);
  }
  storeKey(field(form, "key"));
  await open(storedKey()!);
}

/** Retries what needs the hub (the sites' list, the login) until it answers: a display is started before the hub is. */
async function patiently<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (error instanceof LoginRefused && error.status !== 503 && error.status !== 429) throw error;
      showMark("connecting");
      await new Promise(resolve => setTimeout(resolve, Math.max(1000, jitteredBackoff(attempt))));
    }
  }
}

async function open(key: string): Promise<void> {
  let session: Login;
  try {
    session = await patiently(() => login({ role: "display", key }));
  } catch (error) {
    storeKey(null);
    showLogin(error instanceof LoginRefused ? errorText(error.error) : String(error));
    return;
  }
  byId("login-view").hidden = true;
  byId("display-view").hidden = false;
  showMark("connecting");
  const protocol = query.get("protocol") === "msgpack" ? "msgpack" : "json";
  client = await openForum(session.token, { protocol });
  exposePosition(client);
  // The connection keeps the token it started with; a fresh page before it expires logs in again with the kept key.
  setTimeout(() => location.reload(), Math.max(60_000, session.expiresAt - Date.now() - renewBeforeMs));
  const render = batched(renderAll);
  client.subscribe(change => {
    if (change.kind === "applied") learnClockOffset(change.events);
    if (change.kind === "link") renderLink();
    if (change.kind !== "pending") render();
  });
  onLanguageChange(renderAll);
  renderLink();
  renderAll();
  setInterval(tick, 250);
}

/** Each live event carries its commit time: the largest (server − here) seen lately is the offset less the least delay. */
function learnClockOffset(events: { envelope: { at: number }; fromResume: boolean }[]): void {
  const now = Date.now();
  for (const e of events) if (!e.fromResume) offsetSamples.push(e.envelope.at - now);
  if (offsetSamples.length === 0) return;
  offsetSamples.splice(0, Math.max(0, offsetSamples.length - 20));
  clockOffsetMs = Math.max(...offsetSamples);
}

function serverNow(): number {
  return Date.now() + clockOffsetMs;
}

function isLive(): boolean {
  return client !== null && (client.state === "connected" || client.state === "resumed");
}

function showMark(state: "connecting" | "reconnecting" | "refused" | "live"): void {
  const mark = byId("link-mark");
  mark.className = `link-mark ${state}`;
  fill(mark, state === "live" ? "" : state === "refused" ? t("link.refused", { reason: errorText(client?.refusal) }) : t(`display.${state}`));
  document.body.classList.toggle("stale", state !== "live");
}

function renderLink(): void {
  if (!client) return;
  const live = isLive();
  if (!live && frozenClock === null) frozenClock = document.querySelector('[data-testid="countdown"]')?.textContent ?? "";
  if (live) frozenClock = null;
  showMark(live ? "live" : client.state === "refused" ? "refused" : client.state === "connecting" ? "connecting" : "reconnecting");
}

function renderAll(): void {
  if (!client) return;
  const state = client.forum.state;
  fill(byId("forum-title"), state.title ?? "");
  fill(byId("item-title"), currentItem(state)?.title ?? "");
  document.title = `${ownSite ? `${provinceName(ownSite)} — ` : ""}${t("display.title")} — EventHub`;
  renderSiteBanner(state);
  renderStage(state);
  renderNext(state);
  renderAnswering(state);
  renderTotals(state);
  tick();
}

/** Ticks the clock and the countdown from the server's times; a display that lost the hub keeps both still. */
function tick(): void {
  if (!client) return;
  fill(byId("clock"), clock(serverNow()));
  const countdown = document.querySelector<HTMLElement>('[data-testid="countdown"]');
  const phase = document.querySelector<HTMLElement>('[data-testid="phase"]');
  const speech = document.querySelector<HTMLElement>(".speech");
  if (!countdown || !phase || !speech) return;
  if (!isLive()) {
    countdown.textContent = frozenClock ?? countdown.textContent;
    speech.className = "speech stale";
    fill(phase, t("display.countdownStale"));
    return;
  }
  const now = clockOf(client.forum.state, serverNow());
  if (!now) return;
  countdown.textContent = now.text;
  speech.className = `speech phase-${now.phase}`;
  fill(phase, now.label);
}

/** The province as people call it ("TP. Hồ Chí Minh"), or the hall. */
function provinceName(code: string | null): string {
  if (code === null) return t("floor.hall");
  return sites.get(code)?.name ?? code;
}

function renderStage(state: ForumState): void {
  const request = speaking(state);
  if (!request) {
    // Nobody speaks: the room reads the questions the delegates voted up.
    const top = topQuestions(state.qandA, 5);
    fill(byId("stage"),
      h("p", { class: "nobody" }, t("floor.nobody")),
      h("h2", { class: "label" }, t("display.topQuestions")),
      top.length === 0
        ? h("p", { class: "muted" }, t("display.noQuestions"))
        : h("ol", { class: "top-questions", "data-testid": "top-questions" }, ...top.map(q => h("li", {}, questionView(q)))));
    return;
  }
  fill(byId("stage"),
    h("p", { class: "label" }, t("floor.now")),
    h("p", { class: "name", "data-testid": "speaker" }, request.speaker),
    request.speakerTitle ? h("p", { class: "title", "data-testid": "speaker-title" }, request.speakerTitle) : null,
    h("p", { class: "site", "data-testid": "speaker-site" }, provinceName(request.site)),
    request.topic ? h("p", { class: "topic", "data-testid": "speaker-topic" }, request.topic) : null,
    h("div", { class: "speech" },
      h("div", { class: "countdown", role: "timer", "aria-label": t("floor.remaining"), "data-testid": "countdown" }, ""),
      h("p", { class: "phase", "data-testid": "phase" }, "")));
}

function renderNext(state: ForumState): void {
  const next = onDeck(state, 3);
  fill(byId("next"), ...(next.length === 0
    ? [h("li", { class: "muted" }, t("floor.nobodyNext"))]
    : next.map(p => {
      const r = state.speakerQueue.requests[p.requestId]!;
      return h("li", { "data-site": r.site ?? "" }, h("strong", {}, r.speaker), h("span", {}, provinceName(r.site)));
    })));
}

/** A site's own display: when it is next, when it has the floor, else where it stands in the list. */
function renderSiteBanner(state: ForumState): void {
  const banner = byId("site-banner");
  if (!ownSite) return;
  banner.hidden = false;
  const name = provinceName(ownSite);
  const deck = onDeck(state);
  const place = positionsOf(state, ownSite)[0];
  const [kind, text] = speaking(state)?.site === ownSite ? ["floor", t("display.siteHasFloor", { name })]
    : deck[0]?.site === ownSite ? ["deck", t("display.siteNext", { name })]
    : deck[1]?.site === ownSite ? ["soon", t("display.siteAfterNext", { name })]
    : place ? ["listed", t("display.siteListed", { name, position: place.position })]
    : ["plain", t("display.siteName", { name })];
  banner.className = `site-banner ${kind}`;
  banner.dataset["state"] = kind;
  fill(banner, text);
}

function renderTotals(state: ForumState): void {
  const checkedIn = Object.values(state.attendance.sites).filter(s => s.checkedIn);
  const tallies = Object.values(state.attendance.tallies);
  const total = (pick: (x: { delegates: number; awardees: number }) => number) => tallies.reduce((sum, x) => sum + pick(x), 0);
  const row = (id: string, label: string, value: string) =>
    [h("dt", {}, label), h("dd", { "data-testid": `totals-${id}` }, value)];
  fill(byId("totals"),
    ...row("sites", t("display.sitesCheckedIn"), `${checkedIn.length}/${state.siteCodes.length || sites.size}`),
    ...row("people", t("display.people"), String(checkedIn.reduce((sum, s) => sum + s.headcount, 0))),
    ...row("delegates", t("display.delegates"), String(total(x => x.delegates))),
    ...row("awardees", t("display.awardees"), String(total(x => x.awardees))));
}

/** The question "now answering" (set by the moderator), beside the speaker. */
function renderAnswering(state: ForumState): void {
  const question = nowAnswering(state.qandA);
  byId("answering").hidden = question === null;
  fill(byId("answering-question"), question ? questionView(question) : null);
}

/** A question as the hall reads it: its text, then who asked from where (a name only when not anonymous) and its votes. */
function questionView(q: Question): HTMLElement {
  const who = [q.authorName, provinceName(q.site)].filter(Boolean).join(", ");
  return h("div", { class: "question", "data-question": q.id },
    h("p", { class: "text" }, q.kind === "proposal" ? `${t("display.proposal")}: ${q.text}` : q.text),
    h("p", { class: "meta" }, `${who} · `, h("span", { "data-testid": "votes" }, t("display.votes", { count: q.votes }))));
}
