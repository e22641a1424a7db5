// The client's copy of the forum (the port of src/SiteClient/LocalForum.cs): folds envelopes in sequence order,
// never skips a number, ignores what it has already seen, and holds an event that arrived ahead of a missing one
// until that one comes or a resume fills the gap. No I/O, so it is tested on its own.
import { evolve } from "./fold.js";
import { initialState, stateFromSnapshot, type EventEnvelope, type ForumState, type LogPosition, type ResumeResult } from "./state.js";

/** An event the copy took in; `fromResume` when it came from a resume, not live. */
export interface AppliedEvent {
  envelope: EventEnvelope;
  fromResume: boolean;
}

/** The versions of each type this client understands (every type is at version 1 today). */
const knownVersion = 1;

/** Past this many held events the gap is not a reordering any more: let go and resume. */
const maxHeld = 4096;

export class LocalForum {
  epoch: string | null = null;
  lastSeq = 0;
  state: ForumState = initialState();
  readonly #held = new Map<number, EventEnvelope>();

  /** True while some event is held because an earlier one has not arrived. */
  get hasGap(): boolean {
    return this.#held.size > 0;
  }

  /**
   * Takes a live event: applies it and every held one that now follows. One ahead of a missing number is held;
   * one already seen (or already held) is a repeat and changes nothing.
   */
  receive(envelope: EventEnvelope): { applied: AppliedEvent[]; repeat: boolean } {
    if (lastOf(envelope) <= this.lastSeq || this.#held.has(envelope.seq)) return { applied: [], repeat: true };
    if (envelope.seq > this.lastSeq + 1) {
      if (this.#held.size >= maxHeld) this.#held.clear();
      this.#held.set(envelope.seq, envelope);
      return { applied: [], repeat: false };
    }
    const applied = [this.#fold(envelope, false)];
    this.#drainHeld(applied, false);
    return { applied, repeat: false };
  }

  /** Takes in a resume answer: a snapshot (when present) replaces everything, then the events follow. */
  apply(result: ResumeResult): AppliedEvent[] {
    if (result.snapshot !== null && result.snapshot !== undefined) {
      this.state = stateFromSnapshot(result.snapshot);
      this.lastSeq = result.snapshotSeq;
    } else if (this.epoch !== null && result.epoch !== this.epoch) {
      throw new Error("A resume on a new epoch must carry a snapshot.");
    }
    if (result.epoch !== this.epoch) this.#held.clear(); // held events of another log mean nothing here
    this.epoch = result.epoch;
    const applied: AppliedEvent[] = [];
    for (const envelope of result.events) {
      if (lastOf(envelope) <= this.lastSeq) continue;
      if (envelope.seq > this.lastSeq + 1) throw new Error(`Resume skipped from ${this.lastSeq} to ${envelope.seq}.`);
      applied.push(this.#fold(envelope, true));
    }
    this.#drainHeld(applied, true);
    return applied;
  }

  /** True when the hub's position shows an event this copy has not got. */
  isBehind(position: LogPosition): boolean {
    return position.epoch !== this.epoch || position.head > this.lastSeq;
  }

  resumeRequest(): { epoch: string | null; afterSeq: number } {
    return { epoch: this.epoch, afterSeq: this.lastSeq };
  }

  #drainHeld(applied: AppliedEvent[], fromResume: boolean): void {
    while (this.#held.size > 0) {
      const seq = Math.min(...this.#held.keys());
      if (seq > this.lastSeq + 1) return;
      const envelope = this.#held.get(seq)!;
      this.#held.delete(seq);
      if (lastOf(envelope) > this.lastSeq) applied.push(this.#fold(envelope, fromResume));
    }
  }

  #fold(envelope: EventEnvelope, fromResume: boolean): AppliedEvent {
    if (envelope.v <= knownVersion) evolve(this.state, envelope.type, JSON.parse(envelope.data), { seq: envelope.seq, at: envelope.at });
    this.lastSeq = lastOf(envelope);
    return { envelope, fromResume };
  }
}

/**
 * The last number an envelope covers: its own, or for the hub's coalesced votes (`qa.tallies`) the last vote it
 * stands for (`data.through`). A run overlapping what the copy already has is still taken: its tallies are those
 * after its last vote. A tally message of a version this client does not know counts as its own number only, so
 * the next event shows a gap and the client resumes: slower, never wrong.
 */
function lastOf(envelope: EventEnvelope): number {
  if (envelope.type !== "qa.tallies" || envelope.v > knownVersion) return envelope.seq;
  const through = Number(JSON.parse(envelope.data)?.through);
  return Number.isFinite(through) ? Math.max(envelope.seq, through) : envelope.seq;
}
