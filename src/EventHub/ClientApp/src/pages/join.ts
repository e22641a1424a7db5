// The delegate's phone page (/join?site=HCM&code=…): joins with a name (and, if wanted, the agency and an award
// claim), then shows the floor, the question being answered, the published questions and proposals with votes, and
// the delegate's own. Built for phones: what the delegate typed and every command not yet answered are kept in
// localStorage, so a network cut, a sleeping tab or a reload loses nothing, and a command goes out once with its id.
import { newCommandId, type ForumClient } from "../forum/forum-client.js";
import { login, LoginRefused, openForum, type Login, type LoginRequest } from "../forum/connect.js";
import { keepFresh } from "../forum/token-refresh.js";
import { hasVoted, isMine, isQandAOpenFor, listQuestions, markVote, nowAnswering, withMine, type MyQandA, type QuestionOrder } from "../forum/qanda.js";
import { currentItem, onDeck } from "../forum/queries.js";
import type { CommandResult, Question } from "../forum/state.js";
import { errorText, onLanguageChange, setUpLanguage, t } from "../i18n/i18n.js";
import type { TextKey } from "../i18n/vi.js";
import { byId, field, fill, h } from "../ui/dom.js";
import { batched, exposePosition, loadSites, showLink, siteName, type SiteInfo } from "../ui/page.js";
import { floorView } from "./floor-view.js";

/** Who this phone is: the join it made (asked once; the same name at the same site is the same delegate). */
interface Joined {
  request: LoginRequest & { site: string; name: string };
  login: Login;
}

/** A command kept until the hub answers it; `commandId` is fixed when it is made, so a resend is never a second one. */
interface Outgoing {
  method: "AskQuestion" | "VoteQuestion" | "UnvoteQuestion" | "WithdrawQuestion";
  request: { commandId: string } & Record<string, unknown>;
}

interface Draft {
  text: string;
  kind: string;
  topic: string;
  anonymous: boolean;
}

const keys = { joined: "eventhub.join", outbox: "eventhub.join.outbox", draft: "eventhub.join.draft" };
const marks = (globalThis as Record<string, unknown>)["eventhubMarks"] = {} as Record<string, number>;

let joined: Joined | null = null;
let client: ForumClient | null = null;
let sites = new Map<string, SiteInfo>();
let order: QuestionOrder = "votes";
const inFlight = new Set<string>();
const render = batched(renderForum);
let joinSite = "";
let joinCode = "";

function start(): void {
  void loadSites().then(found => { sites = found; render(); renderJoinSite(); });
  wire();
  const link = new URLSearchParams(location.search);
  const site = link.get("site")?.trim().toUpperCase() ?? "";
  const stored = read<Joined>(keys.joined);
  // A returning phone is the same delegate; a link to another site starts a new join.
  if (stored && (site === "" || site === stored.request.site)) {
    void enter(stored);
  } else {
    showJoin(site, link.get("code")?.trim() ?? "");
  }
  addEventListener("online", () => { showOffline(); void client?.restart(); flush(); });
  addEventListener("offline", showOffline);
  // A tab that slept heard nothing: ask for what it missed as soon as it is shown again.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    client?.resync();
    render();
  });
  showOffline();
  onLanguageChange(() => { renderJoinSite(); renderForum(); });
  setInterval(renderClock, 500);
}

// ---- joining ----

function showJoin(site: string, code: string): void {
  joinSite = site;
  joinCode = code;
  byId("site-field").hidden = site !== "";
  byId("code-field").hidden = code !== "";
  byId("join-view").hidden = false;
  byId("forum-view").hidden = true;
  renderJoinSite();
  mark("usable");
}

function renderJoinSite(): void {
  fill(byId("join-site"), joinSite ? t("join.atSite", { name: siteName(sites, joinSite) }) : t("join.noLink"));
}

async function join(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const message = byId("join-message");
  const request = {
    role: "delegate" as const,
    site: joinSite || field(form, "site").toUpperCase(),
    key: joinCode || field(form, "code"),
    name: field(form, "name"),
    agency: field(form, "agency") || undefined,
    awardee: (form.elements.namedItem("awardee") as HTMLInputElement).checked,
  };
  try {
    const session = { request, login: await login(request) };
    write(keys.joined, session);
    // The join code stays out of the address bar (and out of a screenshot someone shares).
    history.replaceState(null, "", "/join");
    await enter(session);
  } catch (error) {
    message.className = "message error";
    fill(message, t("join.failed", { reason: error instanceof LoginRefused ? errorText(error.error) : String(error) }));
  }
}

/** Shows the forum at once (the delegate can type while it connects), then connects and keeps it current. */
async function enter(session: Joined): Promise<void> {
  joined = session;
  byId("join-view").hidden = true;
  byId("forum-view").hidden = false;
  restoreDraft();
  renderForum();
  mark("usable");
  try {
    // A token lasts 12 hours; past that, the same join again (same name, same site: the same delegate).
    if (session.login.expiresAt < Date.now() + 60_000) {
      session.login = await login(session.request);
      write(keys.joined, session);
    }
    // The connection asks for the token at every (re)connect; a phone left open past three quarters of the token's
    // life gets a fresh one for the same session, so the hub's close at expiry is followed by a reconnect that works.
    client = await openForum(() => session.login.token);
    keepFresh(() => session.login, fresh => {
      session.login = fresh;
      write(keys.joined, session);
    });
  } catch (error) {
    if (error instanceof LoginRefused && error.status !== 429 && error.status < 500) {
      localStorage.removeItem(keys.joined);
      showJoin(session.request.site, "");
      fill(byId("join-message"), t("join.failed", { reason: errorText(error.error) }));
      byId("join-message").className = "message error";
      return;
    }
    setTimeout(() => void enter(session), 3000); // the network or the hub is away: try again
    return;
  }
  exposePosition(client);
  showLink(client, byId("link"));
  client.subscribe(change => {
    if (change.kind === "snapshot" || (change.kind === "resumed" && client!.resumes === 1)) void loadMine();
    if (change.kind === "resumed") mark("live");
    if (change.kind !== "pending") render();
  });
  void loadMine();
  flush();
}

/** The delegate's own questions and votes, which the shared copy cannot say (docs/web.md, "Live Q&A in the copy"). */
async function loadMine(): Promise<void> {
  if (!client || !joined) return;
  try {
    const mine = await client.invoke<MyQandA>("MyQuestions");
    withMine(client.forum.state, mine, joined.login.identity.id);
    render();
  } catch {
    // cut off: the next resume asks again
  }
}

// ---- commands, kept until answered ----

function queue(method: Outgoing["method"], request: Record<string, unknown>): Outgoing {
  const outgoing: Outgoing = { method, request: { commandId: newCommandId(), ...request } };
  write(keys.outbox, [...outbox(), outgoing]);
  flush();
  render();
  return outgoing;
}

function outbox(): Outgoing[] {
  return read<Outgoing[]>(keys.outbox) ?? [];
}

/** Sends what waits, unless the phone is offline; ForumClient resends each with its id until the hub answers. */
function flush(): void {
  if (!client || !navigator.onLine) return;
  for (const outgoing of outbox()) {
    if (inFlight.has(outgoing.request.commandId)) continue;
    inFlight.add(outgoing.request.commandId);
    void client.send(outgoing.method, outgoing.request).then(result => answered(outgoing, result));
  }
}

function answered(outgoing: Outgoing, result: CommandResult): void {
  inFlight.delete(outgoing.request.commandId);
  write(keys.outbox, outbox().filter(o => o.request.commandId !== outgoing.request.commandId));
  const me = joined!.login.identity.id;
  const questionId = String(outgoing.request["questionId"] ?? "");
  if (result.ok && outgoing.method === "VoteQuestion") markVote(client!.forum.state, questionId, me, true);
  if (result.ok && outgoing.method === "UnvoteQuestion") markVote(client!.forum.state, questionId, me, false);
  if (outgoing.method === "AskQuestion") {
    const message = byId("ask-message");
    message.className = result.ok ? "message" : "message error";
    fill(message, result.ok ? t(client!.forum.state.qandA.review ? "join.sent" : "join.sentPublished") : errorText(result.error));
    if (result.ok) void loadMine();
  } else if (!result.ok) {
    const message = byId("vote-message");
    message.className = "message error";
    fill(message, errorText(result.error));
  }
  render();
}

function pendingFor(questionId: string): Outgoing | undefined {
  return outbox().find(o => o.request["questionId"] === questionId && o.method !== "AskQuestion");
}

// ---- the forms ----

function wire(): void {
  byId<HTMLFormElement>("join-form").addEventListener("submit", join);
  const ask = byId<HTMLFormElement>("ask-form");
  ask.addEventListener("input", saveDraft);
  ask.addEventListener("submit", event => {
    event.preventDefault();
    const draft = readForm();
    queue("AskQuestion", {
      kind: draft.kind, text: draft.text.trim().normalize("NFC"), topic: draft.topic || null, anonymous: draft.anonymous,
    });
    ask.reset();
    localStorage.removeItem(keys.draft);
    countCharacters();
    const message = byId("ask-message");
    message.className = "message";
    fill(message, navigator.onLine ? "" : t("join.queued"));
  });
  byId("sort-votes").addEventListener("click", () => { order = "votes"; renderForum(); });
  byId("sort-newest").addEventListener("click", () => { order = "newest"; renderForum(); });
  byId("filter-topic").addEventListener("change", renderForum);
  byId("filter-site").addEventListener("change", renderForum);
  byId("leave").addEventListener("click", () => {
    localStorage.removeItem(keys.joined);
    localStorage.removeItem(keys.outbox);
    const request = joined?.request;
    location.href = request ? `/join?site=${encodeURIComponent(request.site)}&code=${encodeURIComponent(request.key)}` : "/join";
  });
}

function readForm(): Draft {
  const form = byId<HTMLFormElement>("ask-form");
  return {
    text: (form.elements.namedItem("text") as HTMLTextAreaElement).value,
    kind: (form.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value) ?? "question",
    topic: field(form, "topic"),
    anonymous: (form.elements.namedItem("anonymous") as HTMLInputElement).checked,
  };
}

function saveDraft(): void {
  write(keys.draft, readForm());
  countCharacters();
}

function restoreDraft(): void {
  const draft = read<Draft>(keys.draft);
  const form = byId<HTMLFormElement>("ask-form");
  if (draft) {
    (form.elements.namedItem("text") as HTMLTextAreaElement).value = draft.text;
    const kind = form.querySelector<HTMLInputElement>(`input[name="kind"][value="${draft.kind === "proposal" ? "proposal" : "question"}"]`);
    if (kind) kind.checked = true;
    (form.elements.namedItem("anonymous") as HTMLInputElement).checked = draft.anonymous;
  }
  countCharacters();
}

function countCharacters(): void {
  const text = (byId<HTMLFormElement>("ask-form").elements.namedItem("text") as HTMLTextAreaElement).value;
  fill(byId("ask-count"), t("join.count", { count: text.length }));
}

// ---- rendering ----

function renderForum(): void {
  if (!joined) return;
  const state = client?.forum.state;
  const identity = joined.login.identity;
  fill(byId("me"), t("join.me", { name: identity.name, site: siteName(sites, identity.site) }),
    joined.request.awardee ? h("span", { class: "muted small" }, " · ", t("join.awardeeClaimed")) : null);
  if (!state) {
    renderQuestions([]);
    renderMine([]);
    return;
  }
  document.title = `${state.title ?? t("join.title")} — EventHub`;
  fill(byId("floor"), floorView(state, sites, Date.now()));
  const next = onDeck(state, 1)[0];
  const nextRequest = next ? state.speakerQueue.requests[next.requestId] : undefined;
  fill(byId("next"), nextRequest
    ? t("join.next", { who: [nextRequest.speaker, siteName(sites, nextRequest.site)].filter(Boolean).join(" — ") })
    : t("floor.nobodyNext"));
  const item = currentItem(state);
  fill(byId("item"), item ? t("join.item", { title: item.title }) : "");

  const qandA = state.qandA;
  const highlighted = nowAnswering(qandA);
  byId("answering").hidden = !highlighted;
  if (highlighted) fill(byId("answering-question"), questionCard(highlighted, { vote: false }));

  const open = isQandAOpenFor(qandA, state.speakerQueue.currentItemId);
  byId("ask-closed").hidden = open;
  byId<HTMLFormElement>("ask-form").querySelector<HTMLButtonElement>("button[type=submit]")!.disabled = !open;
  byId("anonymous-field").hidden = !qandA.allowAnonymous;
  byId("topic-field").hidden = qandA.topics.length === 0;
  keepOptions(byId<HTMLFormElement>("ask-form").querySelector<HTMLSelectElement>("select[name=topic]")!,
    [["", t("join.noTopic")], ...qandA.topics.map(x => [x, x] as [string, string])], read<Draft>(keys.draft)?.topic);
  keepOptions(byId<HTMLSelectElement>("filter-topic"), [["", t("join.all")], ...qandA.topics.map(x => [x, x] as [string, string])]);
  const siteCodes = [...new Set(Object.values(qandA.questions).map(q => q.site))].sort();
  keepOptions(byId<HTMLSelectElement>("filter-site"), [["", t("join.all")], [identity.site ?? "", t("join.mySite")],
    ...siteCodes.filter(c => c !== identity.site).map(c => [c, siteName(sites, c)] as [string, string])]);

  const me = identity.id;
  renderMine(Object.values(qandA.questions).filter(q => isMine(q, me)).sort((a, b) => b.submittedAt - a.submittedAt));
  const topic = byId<HTMLSelectElement>("filter-topic").value || null;
  const site = byId<HTMLSelectElement>("filter-site").value || null;
  byId("sort-votes").setAttribute("aria-pressed", String(order === "votes"));
  byId("sort-newest").setAttribute("aria-pressed", String(order === "newest"));
  renderQuestions(listQuestions(qandA, order, { topic, site }).filter(q => q.status === "published" || q.status === "answered"));
}

/** Refills a select's options only when they changed, keeping the delegate's choice. */
function keepOptions(select: HTMLSelectElement, options: [string, string][], wanted?: string): void {
  const signature = JSON.stringify(options);
  if (select.dataset["options"] === signature) return;
  const value = wanted ?? select.value;
  select.dataset["options"] = signature;
  fill(select, ...options.map(([v, label]) => h("option", { value: v }, label)));
  select.value = options.some(([v]) => v === value) ? value : "";
}

function renderQuestions(questions: Question[]): void {
  fill(byId("questions"), ...(questions.length === 0
    ? [h("li", { class: "muted" }, t("join.none"))]
    : questions.map(q => h("li", { class: isMine(q, joined!.login.identity.id) ? "mine" : null, "data-question": q.id }, questionCard(q, { vote: true })))));
}

function questionCard(q: Question, options: { vote: boolean }): DocumentFragment {
  const me = joined!.login.identity.id;
  const fragment = document.createDocumentFragment();
  const pending = pendingFor(q.id);
  const voted = pending ? pending.method === "VoteQuestion" : hasVoted(q, me);
  fragment.append(
    h("p", { class: "text" }, q.text),
    h("p", { class: "meta" },
      h("span", { class: "tag" }, t(q.kind === "proposal" ? "join.proposal" : "join.question")),
      isMine(q, me) ? h("span", { class: "tag" }, t("join.yours")) : null,
      [q.anonymous || !q.authorName ? t("join.anonymousAuthor") : q.authorName, siteName(sites, q.site), q.topic].filter(Boolean).join(" · "),
      q.status === "answered" ? h("strong", {}, ` · ${t("join.state.answered")}`) : null),
    h("div", { class: "vote" },
      h("span", { class: "votes" }, t("join.votes", { count: q.votes })),
      options.vote && q.status === "published"
        ? h("button", {
          type: "button", class: "secondary", "aria-pressed": String(voted),
          "aria-label": `${t(voted ? "join.voted" : "join.vote")}: ${q.text.slice(0, 60)}`,
          onclick: () => {
            if (pendingFor(q.id)) return;
            queue(voted ? "UnvoteQuestion" : "VoteQuestion", { questionId: q.id });
          },
        }, pending ? t("join.voteQueued") : t(voted ? "join.voted" : "join.vote"))
        : null));
  return fragment;
}

/** The delegate's own questions with their state, and the ones still waiting to be sent. */
function renderMine(own: Question[]): void {
  const waiting = outbox().filter(o => o.method === "AskQuestion" && !own.some(q => q.id === o.request.commandId));
  const items = [
    ...waiting.map(o => h("li", { class: "mine" }, h("p", { class: "text" }, String(o.request["text"] ?? "")),
      h("p", { class: "state waiting" }, t("join.state.waiting")))),
    ...own.map(q => h("li", { class: "mine", "data-mine": q.id },
      h("p", { class: "text" }, q.text),
      h("p", { class: "meta" }, h("span", { class: "tag" }, t(q.kind === "proposal" ? "join.proposal" : "join.question")), q.topic ?? ""),
      h("p", { class: `state ${q.status}` }, t(`join.state.${q.status}` as TextKey),
        q.status === "published" || q.status === "answered" ? ` · ${t("join.votes", { count: q.votes })}` : ""),
      q.status === "dismissed" && q.dismissReason ? h("p", { class: "meta" }, t("join.reason", { reason: q.dismissReason })) : null,
      q.status === "pending" && !pendingFor(q.id)
        ? h("button", { type: "button", class: "secondary", onclick: () => queue("WithdrawQuestion", { questionId: q.id }) }, t("join.withdraw"))
        : null)),
  ];
  fill(byId("mine"), ...(items.length === 0 ? [h("li", { class: "muted" }, t("join.mineEmpty"))] : items));
}

function renderClock(): void {
  const state = client?.forum.state;
  if (state?.speakerQueue.floor) fill(byId("floor"), floorView(state, sites, Date.now()));
}

function showOffline(): void {
  byId("offline").hidden = navigator.onLine;
}

// ---- storage ----

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or full: the page still works, it just forgets on reload
  }
}

/** Milliseconds since navigation when the page became usable, and when it was live (the budget tests read them). */
function mark(name: string): void {
  marks[name] ??= Math.round(performance.now());
}

// Last, once every module-level binding above is initialised.
setUpLanguage();
start();
