// A page's connection to the hub (the port of src/SiteClient/ForumClient.cs, following docs/protocol.md §3):
// keeps a LocalForum current from live events, applies them in seq order, holds a gap for a moment and then
// resumes, resumes on every (re)connect, takes snapshots and epoch changes, and resends each command with the
// same id until the hub answers. Everything that touches the local copy runs on one queue, one item at a time.
import { LocalForum, type AppliedEvent } from "./local-forum.js";
import type { CommandResult, ErrorInfo, EventEnvelope, LogPosition, ResumeResult } from "./state.js";

/** What the client needs of a SignalR HubConnection (the real one, or a scripted one in the unit tests). */
export interface HubLink {
  readonly state: string; // "Connected" when calls can be made
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  send(method: string, ...args: unknown[]): Promise<void>;
  on(method: string, handler: (...args: any[]) => void): void;
  onclose(callback: (error?: Error) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
}

export type LinkState = "connecting" | "connected" | "reconnecting" | "resumed" | "refused";

export interface ForumClientOptions {
  /** How long an event ahead of a missing one waits for it before the client resumes. */
  gapPatienceMs?: number;
  /** How long a Position beacon ahead of the copy waits for the live events before the client resumes. */
  positionPatienceMs?: number;
  /** Delay before the n-th attempt to connect again (0-based); see `jitteredBackoff`. */
  retryDelayMs?: (attempt: number) => number;
}

export type ClientChange =
  | { kind: "applied"; events: AppliedEvent[] }
  | { kind: "snapshot"; result: ResumeResult }
  | { kind: "resumed"; result: ResumeResult }
  | { kind: "link"; state: LinkState }
  | { kind: "pending"; count: number };

const retryableCodes = new Set(["store.unavailable", "store.busy"]);

/**
 * Quick first retries, then an exponential pace up to `capMs`, each delay drawn from its upper half so that 62
 * sites cut off together do not knock again in step (the jitter of centrifuge-js). It never gives up.
 */
export function jitteredBackoff(attempt: number, baseMs = 500, capMs = 10_000, random = Math.random): number {
  if (attempt === 0) return 0;
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A command id: 22 characters of [A-Za-z0-9_-] from the browser's random source. crypto.randomUUID exists only in
 * secure contexts, and a hall laptop may open the hub over plain http on the local network.
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let id = "";
  for (const b of bytes) id += alphabet[b & 63];
  return id + Date.now().toString(36).slice(-6);
}

/** The hub's structured error inside an exception or close message ("… HubException: {code, …}"), if any. */
export function errorIn(error: unknown): ErrorInfo | null {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const start = message.indexOf("{");
  if (start < 0) return null;
  try {
    const parsed = JSON.parse(message.slice(start));
    return typeof parsed?.code === "string" && parsed.code.length > 0 ? (parsed as ErrorInfo) : null;
  } catch {
    return null;
  }
}

type InboxItem =
  | { kind: "event"; envelope: EventEnvelope }
  | { kind: "gapCheck" }
  | { kind: "position"; position: LogPosition }
  | { kind: "positionCheck"; position: LogPosition }
  | { kind: "resync" };

export class ForumClient {
  readonly forum = new LocalForum();
  readonly #link: HubLink;
  readonly #gapPatienceMs: number;
  readonly #positionPatienceMs: number;
  readonly #retryDelayMs: (attempt: number) => number;
  readonly #listeners = new Set<(change: ClientChange) => void>();
  readonly #inbox: InboxItem[] = [];
  #pumping = false;
  #gapWatch = false;
  #positionWatch = false;
  #state: LinkState = "connecting";
  #stopped = false;
  #pending = 0;
  #connectedWaiters: (() => void)[] = [];

  refusal: ErrorInfo | null = null;
  resumes = 0;
  snapshots = 0;
  gapsSeen = 0;
  gapsHealed = 0;
  repeatsIgnored = 0;
  resends = 0;

  constructor(link: HubLink, options: ForumClientOptions = {}) {
    this.#link = link;
    this.#gapPatienceMs = options.gapPatienceMs ?? 1000;
    this.#positionPatienceMs = options.positionPatienceMs ?? 2000;
    this.#retryDelayMs = options.retryDelayMs ?? (attempt => jitteredBackoff(attempt));
    link.on("Event", (envelope: EventEnvelope) => this.#post({ kind: "event", envelope }));
    // What a node had waiting for this connection, in log order: each applies as if it came alone.
    link.on("Events", (envelopes: EventEnvelope[]) => {
      for (const envelope of envelopes) this.#post({ kind: "event", envelope });
    });
    link.on("Position", (position: LogPosition) => this.#post({ kind: "position", position }));
    // The hub measures a site's round trip (and keeps it present) by the time its ping takes to come back: answer
    // at once, off the queue. A lost pong is just a missed sample.
    link.on("Ping", (sent: number) => { link.send("Pong", sent).catch(() => undefined); });
    link.onreconnecting(() => this.#setState("reconnecting"));
    link.onreconnected(() => {
      this.#releaseConnectedWaiters();
      this.#post({ kind: "resync" });
    });
    link.onclose(error => {
      this.refusal ??= errorIn(error);
      if (this.refusal) {
        this.#setState("refused");
        return;
      }
      if (this.#stopped) return;
      this.#setState("reconnecting");
      void this.#connectWithRetry(1); // automatic reconnect gave up or was never started: keep knocking
    });
  }

  get state(): LinkState {
    return this.#state;
  }

  /** Commands waiting for an answer (sent, or waiting for the connection to come back). */
  get pending(): number {
    return this.#pending;
  }

  subscribe(listener: (change: ClientChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Handles a live message that is not a log event (the moderator's Board). */
  on(method: string, handler: (...args: any[]) => void): void {
    this.#link.on(method, handler);
  }

  async start(): Promise<void> {
    await this.#connectWithRetry(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#link.stop();
  }

  /**
   * Sends a command and waits for the hub's answer, resending with the same id across disconnects and retryable
   * refusals: the hub applies a command id once, so a resend is never a second event.
   */
  async send(method: string, request: { commandId: string } & Record<string, unknown>): Promise<CommandResult> {
    this.#changePending(+1);
    try {
      while (true) {
        if (this.refusal) return { ok: false, commandId: request.commandId, firstSeq: 0, lastSeq: 0, duplicate: false, error: this.refusal };
        if (this.#link.state !== "Connected") {
          await this.#whenConnected();
          continue;
        }
        try {
          const result = await this.#link.invoke<CommandResult>(method, request);
          if (result.ok || !retryableCodes.has(result.error?.code ?? "")) return result;
        } catch (error) {
          // A hub error is an answer; anything else means the call was cut off and its outcome is unknown.
          const refusal = errorIn(error);
          if (refusal) return { ok: false, commandId: request.commandId, firstSeq: 0, lastSeq: 0, duplicate: false, error: refusal };
        }
        this.resends++;
        await delay(250);
      }
    } finally {
      this.#changePending(-1);
    }
  }

  /**
   * Asks the hub for anything missed (a Resume from the copy's position; nothing comes back when it is current). For
   * a page shown again after its tab slept: its timers stopped, and a lost event would wait for the next beacon.
   */
  resync(): void {
    if (this.#link.state === "Connected") this.#post({ kind: "resync" });
  }

  /**
   * Drops the connection and opens a new one (then resumes), as after any cut. For a phone whose network came back:
   * its old socket may look open while the Wi-Fi or mobile network under it is gone.
   */
  async restart(): Promise<void> {
    if (this.#stopped || this.refusal) return;
    await this.#link.stop(); // onclose starts it again after the backoff's first delay
  }

  /** Calls a query method (GetBoard, SuggestFairOrder …) once. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.#link.invoke<T>(method, ...args);
  }

  async #connectWithRetry(firstAttempt: number): Promise<void> {
    for (let attempt = firstAttempt; !this.#stopped && !this.refusal; attempt++) {
      await delay(this.#retryDelayMs(attempt));
      try {
        if (this.#link.state === "Disconnected") {
          this.#setState(attempt === 0 ? "connecting" : "reconnecting");
          await this.#link.start();
        }
        if (this.#link.state !== "Connected") continue;
        this.#releaseConnectedWaiters();
        this.#post({ kind: "resync" });
        return;
      } catch (error) {
        this.refusal ??= errorIn(error);
      }
    }
    if (this.refusal) this.#setState("refused");
  }

  #post(item: InboxItem): void {
    this.#inbox.push(item);
    if (!this.#pumping) void this.#pump();
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      for (let item = this.#inbox.shift(); item; item = this.#inbox.shift()) {
        try {
          await this.#handle(item);
        } catch {
          // The connection went away mid-resume; the reconnect queues another resync.
        }
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #handle(item: InboxItem): Promise<void> {
    const forum = this.forum;
    switch (item.kind) {
      case "event": {
        const { applied, repeat } = forum.receive(item.envelope);
        if (applied.length > 0) this.#emit({ kind: "applied", events: applied });
        if (repeat) this.repeatsIgnored++;
        else if (forum.hasGap && !this.#gapWatch) {
          // Give the missing one a moment before resuming (a lost write is rare; patience costs nothing).
          this.gapsSeen++;
          this.#gapWatch = true;
          setTimeout(() => this.#post({ kind: "gapCheck" }), this.#gapPatienceMs);
        }
        return;
      }
      case "gapCheck":
        this.#gapWatch = false;
        if (forum.hasGap) {
          this.gapsHealed++;
          await this.#resume();
        }
        return;
      case "position":
        if (item.position.epoch !== forum.epoch) {
          if (forum.epoch !== null) await this.#resume(); // the log was recreated
          return;
        }
        if (!forum.isBehind(item.position) || this.#positionWatch) return;
        this.#positionWatch = true;
        setTimeout(() => this.#post({ kind: "positionCheck", position: item.position }), this.#positionPatienceMs);
        return;
      case "positionCheck":
        this.#positionWatch = false;
        if (forum.isBehind(item.position)) await this.#resume();
        return;
      case "resync":
        await this.#resume();
        return;
    }
  }

  async #resume(): Promise<void> {
    if (this.#link.state !== "Connected") return;
    const result = await this.#link.invoke<ResumeResult>("Resume", this.forum.resumeRequest());
    this.resumes++;
    const applied = this.forum.apply(result);
    if (result.snapshot) {
      this.snapshots++;
      this.#emit({ kind: "snapshot", result });
    }
    if (applied.length > 0) this.#emit({ kind: "applied", events: applied });
    this.#setState(this.resumes === 1 ? "connected" : "resumed");
    this.#emit({ kind: "resumed", result });
  }

  #setState(state: LinkState): void {
    if (this.refusal) state = "refused";
    if (state === this.#state) return;
    this.#state = state;
    this.#emit({ kind: "link", state });
  }

  #changePending(by: number): void {
    this.#pending += by;
    this.#emit({ kind: "pending", count: this.#pending });
  }

  #whenConnected(): Promise<void> {
    return new Promise(resolve => {
      this.#connectedWaiters.push(resolve);
      // Also look again after a while: the link may have come back between the check and the wait.
      setTimeout(resolve, 500);
    });
  }

  #releaseConnectedWaiters(): void {
    const waiters = this.#connectedWaiters.splice(0);
    for (const w of waiters) w();
  }

  #emit(change: ClientChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error(error); // a page's render error must not stop the copy
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise(resolve => setTimeout(resolve, ms));
}
