// Logging in and opening the SignalR connection: the only module that knows the token endpoint and the
// SignalR library. The browser sends the token as ?access_token= (the hub accepts it on /hubs/* only).
import { HttpTransportType, HubConnectionBuilder, LogLevel, type IHttpConnectionOptions, type IHubProtocol, type IRetryPolicy } from "@microsoft/signalr";
import { DirectFirstLink } from "./direct-first-link.js";
import { ForumClient, jitteredBackoff, type ForumClientOptions, type HubLink } from "./forum-client.js";
import type { ErrorInfo } from "./state.js";

export interface LoginRequest {
  role: "moderator" | "siteHost" | "delegate" | "display";
  key: string;
  site?: string;
  name?: string;
  agency?: string;
  awardee?: boolean;
}

export interface Identity {
  role: string;
  site: string | null;
  name: string;
  id: string;
}

export interface Login {
  token: string;
  expiresAt: number;
  identity: Identity;
}

export class LoginRefused extends Error {
  constructor(readonly error: ErrorInfo, readonly status: number) {
    super(error.messageEn);
  }
}

export async function login(request: LoginRequest, base = ""): Promise<Login> {
  const response = await fetch(`${base}/api/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error: ErrorInfo = body?.error ?? { code: `http.${response.status}`, message: `Lỗi ${response.status}`, messageEn: `Error ${response.status}` };
    throw new LoginRefused(error, response.status);
  }
  return body as Login;
}

/** Automatic reconnect that never gives up, with the jittered backoff. */
const keepTrying: IRetryPolicy = { nextRetryDelayInMilliseconds: context => jitteredBackoff(context.previousRetryCount) };

/**
 * A ForumClient on a real SignalR connection: the WebSocket opened directly, or the library's negotiate where that
 * fails (DirectFirstLink). JSON by default (the hub's JSON is camelCase, the protocol's own spelling); `msgpack` loads
 * the MessagePack protocol on demand, so pages that do not ask for it never download it.
 */
export async function openForum(token: string | (() => string), options: ForumClientOptions & { protocol?: "json" | "msgpack"; base?: string } = {}): Promise<ForumClient> {
  const accessTokenFactory = typeof token === "function" ? token : () => token;
  const protocol = options.protocol === "msgpack" ? await messagePack() : null;
  const open = (direct: boolean): HubLink => {
    const transport: IHttpConnectionOptions = direct
      ? { accessTokenFactory, skipNegotiation: true, transport: HttpTransportType.WebSockets }
      : { accessTokenFactory };
    const builder = new HubConnectionBuilder()
      .withUrl(`${options.base ?? ""}/hubs/forum`, transport)
      .withAutomaticReconnect(keepTrying)
      .configureLogging(LogLevel.Warning);
    if (protocol) builder.withHubProtocol(protocol);
    return builder.build() as unknown as HubLink;
  };
  const client = new ForumClient(new DirectFirstLink(open), options);
  await client.start();
  return client;
}

async function messagePack(): Promise<IHubProtocol> {
  const { MessagePackHubProtocol } = await import("@microsoft/signalr-protocol-msgpack");
  return camelCaseKeys(new MessagePackHubProtocol());
}

/**
 * The hub reads request keys ignoring case (docs/protocol.md), so requests go out as they are, camelCase; what it
 * sends as MessagePack carries the C# names (PascalCase), renamed here to camelCase so the pages read the same
 * objects as under JSON.
 */
function camelCaseKeys(inner: IHubProtocol): IHubProtocol {
  const renamed = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(renamed);
    if (value === null || typeof value !== "object" || value instanceof Uint8Array || value instanceof Date) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), renamed(v)]));
  };
  return {
    name: inner.name,
    version: inner.version,
    transferFormat: inner.transferFormat,
    writeMessage: message => inner.writeMessage(message),
    parseMessages: (input, logger) =>
      inner.parseMessages(input, logger).map(m =>
        ("arguments" in m ? { ...m, arguments: renamed(m.arguments) } : "result" in m ? { ...m, result: renamed(m.result) } : m) as typeof m),
  };
}
