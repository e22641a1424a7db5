// What every page answers from its own copy of the state (the port of SpeakerQueueQueries and Countdown), so the
// hub sends no extra notices: who is on deck, where a site stands, the fair order, the countdown.
import { elapsedMs } from "./fold.js";
import type { AgendaItem, ForumState, RequestStatus, Speech, SpeakerRequest } from "./state.js";

export interface ListPosition {
  requestId: string;
  site: string | null;
  position: number;
  status: RequestStatus;
}

export function currentItem(state: ForumState): AgendaItem | null {
  const id = state.speakerQueue.currentItemId;
  return id === null ? null : state.speakerQueue.agenda.find(i => i.id === id) ?? null;
}

export function queueOf(state: ForumState, item: AgendaItem): SpeakerRequest[] {
  return item.queue.map(id => state.speakerQueue.requests[id]!).filter(Boolean);
}

/** Every queued entry of the current list with its 1-based position. */
export function positions(state: ForumState): ListPosition[] {
  const item = currentItem(state);
  return item === null ? [] : queueOf(state, item).map((r, i) => ({ requestId: r.id, site: r.site, position: i + 1, status: r.status }));
}

/** The next `count` approved entries of the current list, in the order "call next" takes them. */
export function onDeck(state: ForumState, count = 2): ListPosition[] {
  return positions(state).filter(p => p.status === "approved").slice(0, count);
}

export function positionsOf(state: ForumState, site: string): ListPosition[] {
  return positions(state).filter(p => p.site === site);
}

/** Sites that have taken the floor (or hold it now) anywhere in this forum. */
export function sitesThatSpoke(state: ForumState): Set<string> {
  const spoke = new Set<string>();
  for (const r of Object.values(state.speakerQueue.requests)) {
    if (r.site !== null && (r.status === "speaking" || r.status === "done")) spoke.add(r.site);
  }
  return spoke;
}

/** The list with each site that has not spoken yet first (its first entry only); the rest keep their order. */
export function suggestFairOrder(state: ForumState, item: AgendaItem): string[] {
  const spoke = sitesThatSpoke(state);
  const promoted = new Set<string>();
  const first: string[] = [];
  const rest: string[] = [];
  for (const r of queueOf(state, item)) {
    if (r.site !== null && !spoke.has(r.site) && !promoted.has(r.site)) {
      promoted.add(r.site);
      first.push(r.id);
    } else {
      rest.push(r.id);
    }
  }
  return [...first, ...rest];
}

export const warningMs = 30_000;
export type CountdownPhase = "running" | "warning" | "overtime";

/** Milliseconds left for the speech; negative once the speaker is over time. */
export function remainingMs(floor: Speech, now: number): number {
  return floor.limitSeconds * 1000 - elapsedMs(floor, now);
}

export function phaseOf(remaining: number): CountdownPhase {
  return remaining < 0 ? "overtime" : remaining < warningMs ? "warning" : "running";
}

/** The request on the floor, or null. */
export function speaking(state: ForumState): SpeakerRequest | null {
  const floor = state.speakerQueue.floor;
  return floor ? state.speakerQueue.requests[floor.requestId] ?? null : null;
}

/** The latest roll call that still takes answers at `now`, or null. */
export function openRollCall(state: ForumState, now: number) {
  const calls = state.attendance.rollCalls;
  const last = calls[calls.length - 1];
  return last && last.closedAt === null && now <= last.deadlineAt ? last : null;
}
