// The pages' connection opens the hub's WebSocket at once, without the negotiate request: one HTTP round trip (and
// one token check on the node) fewer for each phone in a hall that connects all at once. Where a WebSocket cannot get
// through (a proxy that blocks them), it falls back to the library's negotiate, which picks Server-Sent Events or
// long polling, and stays there.
import { errorIn, type HubLink } from "./forum-client.js";

/**
 * A HubLink over whichever SignalR connection works: `open(true)` builds the direct WebSocket connection, `open(false)`
 * the negotiating one. A connection's options are fixed once built, so switching means a new connection; the handlers
 * given to this link are kept and attached to every connection it builds.
 */
export class DirectFirstLink implements HubLink {
  readonly #open: (direct: boolean) => HubLink;
  readonly #attachments: ((link: HubLink) => void)[] = [];
  #current: HubLink;
  #direct = true;
  #fallback: HubLink | null = null; // the negotiating connection while it starts

  constructor(open: (direct: boolean) => HubLink) {
    this.#open = open;
    this.#current = open(true);
  }

  /** Whether the page is still on the direct WebSocket (the automatic reconnect of a direct connection stays direct). */
  get direct(): boolean {
    return this.#direct;
  }

  get state(): string {
    return this.#current.state;
  }

  /**
   * Starts the direct connection; if that fails for any reason but the hub's refusal, starts a negotiating one and
   * keeps it for good once it has connected. When both fail (the hub is away), the next start tries direct again, so
   * a hub that was down does not leave the page on a slower transport.
   */
  async start(): Promise<void> {
    if (!this.#direct) return this.#current.start();
    try {
      await this.#current.start();
    } catch (error) {
      if (errorIn(error)) throw error; // the hub refused this client: another transport would be refused the same
      const negotiated = this.#build(false);
      this.#fallback = negotiated;
      try {
        await negotiated.start();
      } finally {
        this.#fallback = null;
      }
      this.#current = negotiated;
      this.#direct = false;
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.#current.stop(), this.#fallback?.stop()]);
  }

  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    return this.#current.invoke<T>(method, ...args);
  }

  send(method: string, ...args: unknown[]): Promise<void> {
    return this.#current.send(method, ...args);
  }

  on(method: string, handler: (...args: any[]) => void): void {
    this.#attach(link => link.on(method, handler));
  }

  // A connection left behind (a direct one after the switch, a fallback that failed to start) says nothing more.
  onclose(callback: (error?: Error) => void): void {
    this.#attach(link => link.onclose(error => { if (link === this.#current) callback(error); }));
  }

  onreconnecting(callback: (error?: Error) => void): void {
    this.#attach(link => link.onreconnecting(error => { if (link === this.#current) callback(error); }));
  }

  onreconnected(callback: (connectionId?: string) => void): void {
    this.#attach(link => link.onreconnected(id => { if (link === this.#current) callback(id); }));
  }

  #attach(attachment: (link: HubLink) => void): void {
    this.#attachments.push(attachment);
    attachment(this.#current);
  }

  #build(direct: boolean): HubLink {
    const link = this.#open(direct);
    for (const attach of this.#attachments) attach(link);
    return link;
  }
}
