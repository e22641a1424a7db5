// Live Q&A views every page computes from its own copy (the port of QandAQueries: no extra broadcast), and the
// caller's own questions and votes, which the shared snapshot leaves out (docs/protocol.md §8, MyQuestions).
import type { ForumState, QandAState, Question, QuestionStatus } from "./state.js";

export type QuestionOrder = "votes" | "newest" | "oldest";

/** What a list shows; a field left out does not filter. */
export interface QuestionFilter {
  topic?: string | null;
  site?: string | null;
  status?: QuestionStatus | null;
  kind?: string | null;
}

/** The hub's answer to MyQuestions(): the caller's own questions (under review too) and the ones they voted for. */
export interface MyQandA {
  questions: OwnQuestion[];
  voted: string[];
}

export interface OwnQuestion {
  questionId: string;
  kind: string;
  site: string;
  text: string;
  topic: string | null;
  status: QuestionStatus;
  anonymous: boolean;
  votes: number;
  dismissReason: string | null;
  submittedAt: number;
}

const byId = (a: Question, b: Question) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The questions sorted and filtered: by votes (most first, then the one asked first), newest or oldest first. */
export function listQuestions(qandA: QandAState, order: QuestionOrder, filter: QuestionFilter = {}): Question[] {
  const chosen = Object.values(qandA.questions).filter(q =>
    (filter.topic == null || q.topic === filter.topic) && (filter.site == null || q.site === filter.site) &&
    (filter.status == null || q.status === filter.status) && (filter.kind == null || q.kind === filter.kind));
  const compare: (a: Question, b: Question) => number =
    order === "votes" ? (a, b) => b.votes - a.votes || a.submittedAt - b.submittedAt || byId(a, b)
    : order === "newest" ? (a, b) => b.submittedAt - a.submittedAt || byId(a, b)
    : (a, b) => a.submittedAt - b.submittedAt || byId(a, b);
  return chosen.sort(compare);
}

/** The display's list: the published questions with the most votes. */
export function topQuestions(qandA: QandAState, count: number): Question[] {
  return listQuestions(qandA, "votes", { status: "published" }).slice(0, count);
}

/** The question "now answering" on the projector, if this copy holds it. */
export function nowAnswering(qandA: QandAState): Question | null {
  return qandA.highlighted ? qandA.questions[qandA.highlighted] ?? null : null;
}

/** True when a question may be asked now (for that agenda item; none = the whole forum). */
export function isQandAOpenFor(qandA: QandAState, itemId: string | null): boolean {
  return qandA.isOpen && (itemId === null || !qandA.closedItems.includes(itemId));
}

/** True when `viewerId` wrote the question (the copy knows it from the full form or from `withMine`). */
export function isMine(question: Question, viewerId: string): boolean {
  return viewerId.length > 0 && question.authorId === viewerId;
}

/** True when `viewerId` voted for the question, as far as this copy knows (`withMine`, `markVote`). */
export function hasVoted(question: Question, viewerId: string): boolean {
  return question.voters.includes(viewerId);
}

/**
 * Puts the caller's own questions and votes (the hub's MyQuestions answer) into the copy: a snapshot holds neither
 * (the public form names nobody, and a question under review is not public). An own question the copy lacks is
 * added as the answer gives it; one it holds is marked as the caller's. Call it after each resume that carried a
 * snapshot (and once at the start).
 */
export function withMine(state: ForumState, mine: MyQandA, viewerId: string): void {
  const questions = state.qandA.questions;
  for (const own of mine.questions) {
    const held = questions[own.questionId];
    if (held) {
      held.authorId = viewerId;
      continue;
    }
    questions[own.questionId] = {
      id: own.questionId, kind: own.kind, site: own.site, authorId: viewerId, authorName: "", text: own.text,
      topic: own.topic ?? null, itemId: null, speaker: null, anonymous: own.anonymous, submittedAt: own.submittedAt,
      status: own.status, namesToReviewers: false, public: own.status !== "pending" && own.status !== "withdrawn",
      publishedAt: null, votes: own.votes, voters: [], originalText: null, dismissReason: own.dismissReason ?? null,
      answeredBy: null, answeredAt: null, mergedInto: null, coAuthors: [],
    };
  }
  const voted = new Set(mine.voted);
  for (const q of Object.values(questions)) markVote(state, q.id, viewerId, voted.has(q.id));
}

/** Records the caller's own vote (after the hub accepted VoteQuestion or UnvoteQuestion); the tally comes live. */
export function markVote(state: ForumState, questionId: string, viewerId: string, voted: boolean): void {
  const q = state.qandA.questions[questionId];
  if (!q || !viewerId) return;
  const without = q.voters.filter(v => v !== viewerId);
  q.voters = voted ? [...without, viewerId].sort() : without;
}
