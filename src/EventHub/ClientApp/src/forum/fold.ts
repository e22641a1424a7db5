// Folds one event into the state, in place: the port of ForumState.Evolve, SpeakerQueueState.Evolve and
// AttendanceState.Evolve. An event type this client does not know changes nothing (its number still counts).
import type { AgendaItem, ForumState, Question, QandAState, SiteAttendance, SpeakerRequest } from "./state.js";

export interface EventContext {
  seq: number;
  at: number;
}

// Event data as the hub writes it (camelCase JSON); each handler reads the fields its type documents.
type Data = Record<string, any>;

export function evolve(state: ForumState, type: string, data: Data, context: EventContext): void {
  const handler = handlers[type];
  if (handler) handler(state, data, context.at);
}

function site(state: ForumState, code: string): SiteAttendance {
  return (state.attendance.sites[code] ??= { checkedIn: false, lead: null, headcount: 0, spells: [], hostLost: false });
}

function count(state: ForumState, code: string, delegates: number, awardee: boolean): void {
  const tally = state.attendance.tallies[code] ?? { delegates: 0, awardees: 0 };
  state.attendance.tallies[code] = { delegates: tally.delegates + delegates, awardees: tally.awardees + (awardee ? delegates : 0) };
}

function setRemoved(state: ForumState, delegateId: string, removed: boolean): void {
  const record = state.attendance.delegates[delegateId];
  if (record) record.removed = removed;
}

function item(state: ForumState, id: string): AgendaItem {
  const found = state.speakerQueue.agenda.find(i => i.id === id);
  if (!found) throw new Error(`Unknown agenda item ${id}`);
  return found;
}

function request(state: ForumState, id: string): SpeakerRequest {
  const found = state.speakerQueue.requests[id];
  if (!found) throw new Error(`Unknown request ${id}`);
  return found;
}

/** Takes a request off its item's list (to the floor, or to a final state). */
function dequeue(state: ForumState, id: string): SpeakerRequest {
  const r = request(state, id);
  const list = item(state, r.itemId);
  list.queue = list.queue.filter(q => q !== id);
  return r;
}

function newRequest(d: Data, status: "waiting" | "approved", at: number, disclosed: boolean): SpeakerRequest {
  return {
    id: d.requestId, itemId: d.itemId, site: d.site ?? null, speaker: d.speaker ?? "", speakerTitle: d.speakerTitle ?? null,
    topic: d.topic ?? null, status, requestedAt: at, disclosed, declineReason: null, startedAt: null, endedAt: null, spokenMs: 0,
  };
}

/** Milliseconds spoken (pauses excluded) as of `now`. */
export function elapsedMs(floor: { startedAt: number; pausedAt: number | null; pausedMs: number }, now: number): number {
  return Math.max(0, (floor.pausedAt ?? now) - floor.startedAt - floor.pausedMs);
}

const handlers: Record<string, (state: ForumState, d: Data, at: number) => void> = {
  "forum.opened": (s, d, at) => {
    s.forumId = d.forumId;
    s.title = d.title;
    s.openedAt = at;
    s.siteCodes = [...d.sites].sort();
  },

  "site.checked_in": (s, d, at) => {
    const x = site(s, d.site);
    Object.assign(x, { checkedIn: true, lead: d.lead, headcount: d.headcount, hostLost: false });
    x.spells.push({ checkedInAt: at, lead: d.lead, checkedOutAt: null });
  },
  "site.headcount": (s, d) => { site(s, d.site).headcount = d.headcount; },
  "site.checked_out": (s, d, at) => {
    const x = site(s, d.site);
    Object.assign(x, { checkedIn: false, headcount: 0, hostLost: false });
    const last = x.spells[x.spells.length - 1];
    if (last) last.checkedOutAt = at;
  },
  "delegate.joined": (s, d, at) => {
    count(s, d.site, 1, d.awardee);
    // The public form carries no id: a head count, not a person.
    if (d.delegateId) {
      s.attendance.delegates[d.delegateId] = {
        id: d.delegateId, site: d.site, name: d.name, agency: d.agency ?? null, awardee: d.awardee,
        awardeeClaimed: !!d.awardeeClaimed, joinedAt: at, removed: false,
      };
    }
  },
  "delegate.awardee_confirmed": (s, d) => {
    // The public form carries no id: the site's count of recipients still grows.
    count(s, d.site, 0, false);
    const tally = s.attendance.tallies[d.site]!;
    tally.awardees += 1;
    const known = d.delegateId ? s.attendance.delegates[d.delegateId] : undefined;
    if (known) Object.assign(known, { awardee: true, awardeeClaimed: false });
  },
  "delegate.removed": (s, d) => { count(s, d.site, -1, !!d.awardee); setRemoved(s, d.delegateId, true); },
  "delegate.readmitted": (s, d) => { count(s, d.site, 1, !!d.awardee); setRemoved(s, d.delegateId, false); },
  "site.host_lost": (s, d) => { site(s, d.site).hostLost = true; },
  "site.host_back": (s, d) => { site(s, d.site).hostLost = false; },
  "rollcall.started": (s, d, at) => {
    s.attendance.rollCalls.push({ id: d.rollCallId, startedAt: at, deadlineAt: at + d.deadlineSeconds * 1000, confirmed: {}, closedAt: null });
  },
  "rollcall.confirmed": (s, d, at) => {
    const r = s.attendance.rollCalls.find(x => x.id === d.rollCallId);
    if (r) r.confirmed[d.site] = at;
  },
  "rollcall.closed": (s, d, at) => {
    const r = s.attendance.rollCalls.find(x => x.id === d.rollCallId);
    if (r) r.closedAt = at;
  },

  "agenda.item_added": (s, d) => {
    s.speakerQueue.agenda.push({
      id: d.itemId, title: d.title, defaultSpeakingSeconds: d.defaultSpeakingSeconds, oneRequestPerSite: true, isClosed: false, queue: [],
    });
    // The programme starts at its first item.
    s.speakerQueue.currentItemId ??= d.itemId;
  },
  "agenda.item_renamed": (s, d) => { item(s, d.itemId).title = d.title; },
  "agenda.item_moved": (s, d) => {
    const moved = item(s, d.itemId);
    const agenda = s.speakerQueue.agenda.filter(i => i !== moved);
    agenda.splice(d.position - 1, 0, moved);
    s.speakerQueue.agenda = agenda;
  },
  "agenda.current_set": (s, d) => { s.speakerQueue.currentItemId = d.itemId; },
  "queue.options_set": (s, d) => {
    Object.assign(item(s, d.itemId), { defaultSpeakingSeconds: d.defaultSpeakingSeconds, oneRequestPerSite: d.oneRequestPerSite });
  },
  "queue.closed": (s, d) => { item(s, d.itemId).isClosed = true; },
  "queue.reopened": (s, d) => { item(s, d.itemId).isClosed = false; },
  "queue.cleared": (s, d) => {
    const list = item(s, d.itemId);
    for (const id of list.queue) request(s, id).status = "removed";
    list.queue = [];
  },
  "queue.requested": (s, d, at) => {
    item(s, d.itemId).queue.push(d.requestId);
    s.speakerQueue.requests[d.requestId] = newRequest(d, "waiting", at, false);
  },
  "queue.speaker_added": (s, d, at) => {
    item(s, d.itemId).queue.splice(d.position - 1, 0, d.requestId);
    s.speakerQueue.requests[d.requestId] = newRequest(d, "approved", at, true);
  },
  "queue.withdrawn": (s, d) => { dequeue(s, d.requestId).status = "withdrawn"; },
  "queue.approved": (s, d) => {
    Object.assign(request(s, d.requestId), {
      status: "approved", disclosed: true, speaker: d.speaker, speakerTitle: d.speakerTitle ?? null, topic: d.topic ?? null,
    });
  },
  "queue.declined": (s, d) => { Object.assign(dequeue(s, d.requestId), { status: "declined", declineReason: d.reason ?? null }); },
  "queue.removed": (s, d) => { dequeue(s, d.requestId).status = "removed"; },
  "queue.moved": (s, d) => {
    const list = item(s, request(s, d.requestId).itemId);
    const queue = list.queue.filter(q => q !== d.requestId);
    queue.splice(d.position - 1, 0, d.requestId);
    list.queue = queue;
  },
  "queue.reordered": (s, d) => { item(s, d.itemId).queue = [...d.requestIds]; },
  "queue.speech_started": (s, d, at) => {
    Object.assign(dequeue(s, d.requestId), {
      status: "speaking", disclosed: true, startedAt: at, speaker: d.speaker, speakerTitle: d.speakerTitle ?? null, topic: d.topic ?? null,
    });
    s.speakerQueue.floor = { requestId: d.requestId, startedAt: at, limitSeconds: d.limitSeconds, pausedAt: null, pausedMs: 0 };
  },
  "queue.speech_ended": (s, d, at) => {
    const floor = s.speakerQueue.floor;
    Object.assign(request(s, d.requestId), { status: "done", endedAt: at, spokenMs: floor ? elapsedMs(floor, at) : 0 });
    s.speakerQueue.floor = null;
    s.speakerQueue.lastSpeakerId = d.requestId;
  },
  "queue.speech_paused": (s, _d, at) => { if (s.speakerQueue.floor) s.speakerQueue.floor.pausedAt = at; },
  "queue.speech_resumed": (s, _d, at) => {
    const floor = s.speakerQueue.floor;
    if (floor && floor.pausedAt !== null) {
      floor.pausedMs += at - floor.pausedAt;
      floor.pausedAt = null;
    }
  },
  "queue.time_added": (s, d) => { if (s.speakerQueue.floor) s.speakerQueue.floor.limitSeconds += d.seconds; },

  // Live Q&A: the port of QandAState.Evolve. An event about a question this copy does not hold (one under review
  // that the public never saw, redacted to a blank id) changes nothing.
  "qa.configured": (s, d) => {
    Object.assign(s.qandA, {
      review: d.review, allowAnonymous: d.allowAnonymous, namesToReviewers: d.namesToReviewers, topics: [...d.topics],
      questionsPerTenMinutes: d.questionsPerTenMinutes,
    });
  },
  "qa.opened": (s, d) => {
    if (d.itemId == null) s.qandA.isOpen = true;
    else s.qandA.closedItems = s.qandA.closedItems.filter(i => i !== d.itemId);
  },
  "qa.closed": (s, d) => {
    if (d.itemId == null) s.qandA.isOpen = false;
    else s.qandA.closedItems = sortedWith(s.qandA.closedItems, d.itemId);
  },
  "qa.submitted": (s, d, at) => {
    if (!d.questionId) return;
    s.qandA.questions[d.questionId] = {
      id: d.questionId, kind: d.kind, site: d.site, authorId: d.authorId ?? "", authorName: d.authorName ?? "", text: d.text,
      topic: d.topic ?? null, itemId: d.itemId ?? null, speaker: d.speaker ?? null, anonymous: !!d.anonymous, submittedAt: at,
      status: "pending", namesToReviewers: !!d.namesToReviewers, public: false, publishedAt: null, votes: 0, voters: [],
      originalText: null, dismissReason: null, answeredBy: null, answeredAt: null, mergedInto: null, coAuthors: [],
    };
  },
  "qa.published": (s, d, at) => {
    if (!d.questionId) return;
    // Whoever saw the submission keeps what they knew (the author's id); the public learns the question here.
    const known: Question = s.qandA.questions[d.questionId] ?? {
      id: d.questionId, kind: d.kind, site: d.site, authorId: "", authorName: d.authorName ?? "", text: d.text,
      topic: d.topic ?? null, itemId: d.itemId ?? null, speaker: d.speaker ?? null, anonymous: !!d.anonymous,
      submittedAt: d.submittedAt, status: "pending", namesToReviewers: false, public: false, publishedAt: null, votes: 0,
      voters: [], originalText: null, dismissReason: null, answeredBy: null, answeredAt: null, mergedInto: null, coAuthors: [],
    };
    s.qandA.questions[d.questionId] = Object.assign(known, {
      status: "published", public: true, publishedAt: at, votes: d.votes, text: d.text, topic: d.topic ?? null,
    });
  },
  "qa.edited": (s, d) => change(s.qandA, d.questionId, q => {
    Object.assign(q, { text: d.text, topic: d.topic ?? null, originalText: q.originalText ?? d.original ?? null });
  }),
  "qa.withdrawn": (s, d) => {
    change(s.qandA, d.questionId, q => { q.status = "withdrawn"; });
    unhighlight(s.qandA, d.questionId);
  },
  "qa.dismissed": (s, d) => {
    change(s.qandA, d.questionId, q => { Object.assign(q, { status: "dismissed", dismissReason: d.reason ?? null }); });
    unhighlight(s.qandA, d.questionId);
  },
  "qa.merged": (s, d) => {
    const duplicate = s.qandA.questions[d.duplicateId];
    change(s.qandA, d.keptId, q => {
      q.votes = d.votes;
      // A copy that never saw the duplicate (one under review at another site) cannot say who joined.
      if (!duplicate) return;
      q.voters = [...new Set([...q.voters, ...duplicate.voters])].sort(ordinal);
      q.coAuthors = [
        ...q.coAuthors,
        { site: duplicate.site, authorName: duplicate.anonymous ? "" : duplicate.authorName, anonymous: duplicate.anonymous, public: duplicate.public },
        ...duplicate.coAuthors,
      ];
    });
    change(s.qandA, d.duplicateId, q => { Object.assign(q, { status: "merged", mergedInto: d.keptId }); });
    unhighlight(s.qandA, d.duplicateId);
  },
  "qa.labelled": (s, d) => change(s.qandA, d.questionId, q => { q.topic = d.topic ?? null; }),
  "qa.highlighted": (s, d) => { s.qandA.highlighted = d.questionId ?? null; },
  "qa.answered": (s, d, at) => {
    change(s.qandA, d.questionId, q => { Object.assign(q, { status: "answered", answeredBy: d.requestId ?? null, answeredAt: at }); });
    unhighlight(s.qandA, d.questionId);
  },
  "qa.voted": (s, d) => change(s.qandA, d.questionId, q => {
    q.votes = d.votes;
    if (d.delegateId) q.voters = sortedWith(q.voters, d.delegateId);
  }),
  "qa.unvoted": (s, d) => change(s.qandA, d.questionId, q => {
    q.votes = d.votes;
    q.voters = q.voters.filter(v => v !== d.delegateId);
  }),
  // Never in the log: the fan-out's run of votes (LocalForum counts its numbers up to `through`).
  "qa.tallies": (s, d) => {
    for (const t of d.tallies ?? []) change(s.qandA, t.questionId, q => { q.votes = t.votes; });
  },
  "qa.votes_withdrawn": (s, d) => {
    for (const t of d.tallies ?? []) {
      change(s.qandA, t.questionId, q => {
        q.votes = t.votes;
        q.voters = q.voters.filter(v => v !== d.delegateId);
      });
    }
  },
};

function change(qandA: QandAState, id: string, update: (q: Question) => void): void {
  const q = id ? qandA.questions[id] : undefined;
  if (q) update(q);
}

function unhighlight(qandA: QandAState, id: string): void {
  if (id && qandA.highlighted === id) qandA.highlighted = null;
}

/** C#'s ordinal order (by UTF-16 code unit), as the hub's sorted sets keep them. */
function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedWith(list: string[], value: string): string[] {
  return list.includes(value) ? list : [...list, value].sort(ordinal);
}

/** The event types this client folds (the rest it counts and skips). */
export const knownEventTypes: readonly string[] = Object.keys(handlers);
