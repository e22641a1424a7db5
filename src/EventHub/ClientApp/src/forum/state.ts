// The forum's state as a client holds it: the same shape as the hub's snapshot JSON (camelCase), so a snapshot
// from Resume is taken as it is and folding events gives the same object (see test/fold.test.ts).
// This is a port of the domain's ForumState.Evolve (src/EventHub/Domain); keep the two in step.

export type RequestStatus = "waiting" | "approved" | "speaking" | "done" | "withdrawn" | "declined" | "removed";

export interface SpeakerRequest {
  id: string;
  itemId: string;
  /** null: a speaker in the hall. */
  site: string | null;
  speaker: string;
  speakerTitle: string | null;
  topic: string | null;
  status: RequestStatus;
  requestedAt: number;
  disclosed: boolean;
  declineReason: string | null;
  startedAt: number | null;
  endedAt: number | null;
  spokenMs: number;
}

export interface AgendaItem {
  id: string;
  title: string;
  defaultSpeakingSeconds: number;
  oneRequestPerSite: boolean;
  isClosed: boolean;
  /** Waiting and approved request ids, position 1 first. */
  queue: string[];
}

export interface Speech {
  requestId: string;
  startedAt: number;
  limitSeconds: number;
  pausedAt: number | null;
  pausedMs: number;
}

export interface SpeakerQueueState {
  agenda: AgendaItem[];
  currentItemId: string | null;
  requests: Record<string, SpeakerRequest>;
  floor: Speech | null;
  lastSpeakerId: string | null;
}

export interface AttendanceSpell {
  checkedInAt: number;
  lead: string;
  checkedOutAt: number | null;
}

export interface SiteAttendance {
  checkedIn: boolean;
  lead: string | null;
  headcount: number;
  spells: AttendanceSpell[];
  hostLost: boolean;
}

export interface DelegateRecord {
  id: string;
  site: string;
  name: string;
  agency: string | null;
  awardee: boolean;
  /** Claimed at login, not on the organisers' list; seen by the moderator and the site's host until confirmed. */
  awardeeClaimed: boolean;
  joinedAt: number;
  removed: boolean;
}

export interface RollCallRecord {
  id: string;
  startedAt: number;
  deadlineAt: number;
  /** site → when it answered (Unix ms). */
  confirmed: Record<string, number>;
  closedAt: number | null;
}

export interface AttendanceState {
  sites: Record<string, SiteAttendance>;
  delegates: Record<string, DelegateRecord>;
  rollCalls: RollCallRecord[];
  tallies: Record<string, { delegates: number; awardees: number }>;
}

export type QuestionStatus = "pending" | "published" | "answered" | "dismissed" | "withdrawn" | "merged";

/** The author of a duplicate merged into a question (blank name when anonymous). */
export interface CoAuthor {
  site: string;
  authorName: string;
  anonymous: boolean;
  public: boolean;
}

/** A question or proposal as this viewer may see it (the hub's visibility rules decide which fields are blank). */
export interface Question {
  id: string;
  /** "question" or "proposal". */
  kind: string;
  site: string;
  /** Blank where the viewer may not know it (the public, an anonymous author). */
  authorId: string;
  authorName: string;
  text: string;
  topic: string | null;
  itemId: string | null;
  speaker: string | null;
  anonymous: boolean;
  submittedAt: number;
  status: QuestionStatus;
  namesToReviewers: boolean;
  /** True once published: the public knows it, whatever happens to it next. */
  public: boolean;
  publishedAt: number | null;
  votes: number;
  /** Voters this copy knows of: nobody's in a snapshot; the viewer's own from their full-form votes and `withMine`. */
  voters: string[];
  originalText: string | null;
  dismissReason: string | null;
  answeredBy: string | null;
  answeredAt: number | null;
  mergedInto: string | null;
  coAuthors: CoAuthor[];
}

export interface QandAState {
  review: boolean;
  allowAnonymous: boolean;
  namesToReviewers: boolean;
  topics: string[];
  questionsPerTenMinutes: number;
  /** Q&A for the whole forum; an item in `closedItems` is closed even while this is open. */
  isOpen: boolean;
  closedItems: string[];
  questions: Record<string, Question>;
  /** The question "now answering" on the projector (at most one). */
  highlighted: string | null;
}

export interface ForumState {
  forumId: string | null;
  title: string | null;
  openedAt: number;
  siteCodes: string[];
  attendance: AttendanceState;
  speakerQueue: SpeakerQueueState;
  qandA: QandAState;
}

export interface Actor {
  role: string;
  site: string | null;
  name: string;
  id: string;
}

/** One event of the forum's log as the hub sends it; `data` is the event's JSON. */
export interface EventEnvelope {
  seq: number;
  at: number;
  actor: Actor;
  type: string;
  v: number;
  data: string;
}

export interface ResumeResult {
  epoch: string;
  head: number;
  snapshot: string | null;
  snapshotSeq: number;
  events: EventEnvelope[];
}

export interface LogPosition {
  epoch: string;
  head: number;
}

export interface ErrorInfo {
  code: string;
  message: string;
  messageEn: string;
}

export interface CommandResult {
  ok: boolean;
  commandId: string;
  firstSeq: number;
  lastSeq: number;
  duplicate: boolean;
  error: ErrorInfo | null;
}

export function initialState(): ForumState {
  return {
    forumId: null,
    title: null,
    openedAt: 0,
    siteCodes: [],
    attendance: { sites: {}, delegates: {}, rollCalls: [], tallies: {} },
    speakerQueue: { agenda: [], currentItemId: null, requests: {}, floor: null, lastSpeakerId: null },
    qandA: initialQandA(),
  };
}

export function initialQandA(): QandAState {
  return {
    review: true, allowAnonymous: false, namesToReviewers: false, topics: [], questionsPerTenMinutes: 5,
    isOpen: false, closedItems: [], questions: {}, highlighted: null,
  };
}

/** A snapshot's JSON as state: the hub's computed read-only members (isOpen, nameIndex …) are dropped. */
export function stateFromSnapshot(json: string): ForumState {
  const raw = JSON.parse(json);
  const attendance = raw.attendance ?? {};
  return {
    forumId: raw.forumId ?? null,
    title: raw.title ?? null,
    openedAt: raw.openedAt ?? 0,
    siteCodes: raw.siteCodes ?? [],
    attendance: {
      sites: attendance.sites ?? {},
      delegates: Object.fromEntries(Object.entries(attendance.delegates ?? {}).map(([id, d]) => [id, { removed: false, ...(d as object) } as DelegateRecord])),
      rollCalls: attendance.rollCalls ?? [],
      tallies: attendance.tallies ?? {},
    },
    speakerQueue: raw.speakerQueue,
    qandA: qandAFromSnapshot(raw.qandA),
  };
}

function qandAFromSnapshot(raw: any): QandAState {
  if (!raw) return initialQandA();
  const questions: Record<string, Question> = {};
  for (const [id, q] of Object.entries<any>(raw.questions ?? {})) {
    const { isLive: _computed, ...question } = q;
    questions[id] = { voters: [], coAuthors: [], ...question } as Question;
  }
  return { ...initialQandA(), ...raw, questions };
}
