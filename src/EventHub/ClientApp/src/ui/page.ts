// What both role pages share: the stored login, the connection banner, command feedback, the sites' names,
// batched re-rendering, and the "you are next" sound.
import { type ForumClient, type LinkState, newCommandId } from "../forum/forum-client.js";
import { login, LoginRefused, openForum, type Login, type LoginRequest } from "../forum/connect.js";
import { keepFresh, logoutOnHub } from "../forum/token-refresh.js";
import type { CommandResult } from "../forum/state.js";
import { errorText, t } from "../i18n/i18n.js";
import { fill } from "./dom.js";

export interface SiteInfo {
  code: string;
  name: string;
  region: string;
}

/** The sites' names and regions (public, from the seeds). */
export async function loadSites(): Promise<Map<string, SiteInfo>> {
  const response = await fetch("/api/sites");
  const sites: SiteInfo[] = response.ok ? await response.json() : [];
  return new Map(sites.map(s => [s.code, s]));
}

/**
 * Logs in, or reuses the token of this tab (sessionStorage: a reload keeps the login, closing the tab forgets it),
 * then opens the connection. `protocol=msgpack` in the page's query string selects MessagePack.
 */
export async function connect(storageKey: string, request: LoginRequest | null): Promise<{ login: Login; client: ForumClient }> {
  let session: Login | null = null;
  if (request) {
    session = await login(request);
    sessionStorage.setItem(storageKey, JSON.stringify(session));
  } else {
    const stored = sessionStorage.getItem(storageKey);
    session = stored ? (JSON.parse(stored) as Login) : null;
    if (!session || session.expiresAt < Date.now() + 60_000) throw new LoginRefused({ code: "auth.expired", message: "", messageEn: "" }, 401);
  }
  const protocol = new URLSearchParams(location.search).get("protocol") === "msgpack" ? "msgpack" : "json";
  // The connection asks for the token at every (re)connect: after a refresh that is the new one.
  let current = session;
  const client = await openForum(() => current.token, { protocol });
  keepFresh(() => current, fresh => {
    current = fresh;
    sessionStorage.setItem(storageKey, JSON.stringify(fresh));
  });
  return { login: session, client };
}

/** Forgets this tab's login and logs its session out on the hub, so the token ends on every node. */
export function forget(storageKey: string): void {
  const stored = sessionStorage.getItem(storageKey);
  sessionStorage.removeItem(storageKey);
  if (stored) void logoutOnHub(JSON.parse(stored) as Login).catch(() => undefined);
}

/** Keeps the connection banner current: lost (commands wait and are resent), back with no event missed, refused. */
export function showLink(client: ForumClient, banner: HTMLElement): () => void {
  let hideTimer = 0;
  const render = () => {
    const state: LinkState = client.state;
    banner.className = `link ${state}`;
    clearTimeout(hideTimer);
    const pending = client.pending > 0 ? ` ${t("link.pending", { count: client.pending })}` : "";
    if (state === "connected") {
      banner.hidden = client.pending === 0;
      fill(banner, pending.trim());
      return;
    }
    banner.hidden = false;
    if (state === "refused") fill(banner, t("link.refused", { reason: errorText(client.refusal) }));
    else fill(banner, t(`link.${state}`) + pending);
    if (state === "resumed" && client.pending === 0) hideTimer = window.setTimeout(() => { banner.hidden = true; }, 8000);
  };
  client.subscribe(change => { if (change.kind === "link" || change.kind === "pending") render(); });
  render();
  return render;
}

/** Sends a command (a fresh id, resent with that id until answered) and shows a refusal in `message`. */
export async function command(client: ForumClient, method: string, request: Record<string, unknown>, message: HTMLElement): Promise<CommandResult> {
  message.className = "message";
  fill(message, "");
  const result = await client.send(method, { commandId: newCommandId(), ...request });
  if (!result.ok) {
    message.className = "message error";
    fill(message, errorText(result.error));
  }
  return result;
}

/** Runs `render` once after the current burst of changes (a resume can apply hundreds of events at once). */
export function batched(render: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      render();
    }, 0);
  };
}

let audio: AudioContext | null = null;

/** Must run inside a user gesture (the login click): browsers let a page play sound only after one. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

/** Three rising tones: "you are next". Silent when the browser refused sound. */
export function chime(): void {
  chimes++;
  if (!audio) return;
  const start = audio.currentTime;
  [660, 880, 1100].forEach((frequency, i) => {
    const oscillator = audio!.createOscillator();
    const gain = audio!.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, start + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.25 + 0.22);
    oscillator.connect(gain).connect(audio!.destination);
    oscillator.start(start + i * 0.25);
    oscillator.stop(start + i * 0.25 + 0.23);
  });
}

/** How many times the chime was rung (the browser tests read it: a headless browser has no speakers). */
export let chimes = 0;
(globalThis as Record<string, unknown>)["eventhubChimes"] = () => chimes;

/** The site's display name: "TP. Hồ Chí Minh (HCM)", or the hall for null. */
export function siteName(sites: Map<string, SiteInfo>, code: string | null): string {
  if (code === null) return t("floor.hall");
  const site = sites.get(code);
  return site ? `${site.name} (${code})` : code;
}

/** Where the page's copy stands (the browser tests compare it with the hub's head; support can read it too). */
export function exposePosition(client: ForumClient): void {
  (globalThis as Record<string, unknown>)["eventhubPosition"] = () => ({
    epoch: client.forum.epoch, lastSeq: client.forum.lastSeq, resumes: client.resumes, snapshots: client.snapshots,
    gapsHealed: client.gapsHealed, resends: client.resends,
  });
}
