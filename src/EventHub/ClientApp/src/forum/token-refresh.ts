// A page's login over a long day: a new token for the same session before the current one ends (the hub closes a
// connection when its token expires, and the reconnect then uses the new one and resumes, so no event is lost or
// taken twice), and logging the session out on the hub.
import { LoginRefused, type Login } from "./connect.js";
import type { ErrorInfo } from "./state.js";

async function post(path: string, token: string, base: string, keepalive = false): Promise<Response> {
  return fetch(`${base}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, keepalive });
}

async function refusal(response: Response): Promise<LoginRefused> {
  const body = await response.json().catch(() => null);
  const error: ErrorInfo = body?.error ?? { code: `http.${response.status}`, message: `Lỗi ${response.status}`, messageEn: `Error ${response.status}` };
  return new LoginRefused(error, response.status);
}

/** A new token for `current`'s session (POST /api/token/refresh); a logged-out session or a rotated key is refused. */
export async function refreshLogin(current: Login, base = ""): Promise<Login> {
  const response = await post("/api/token/refresh", current.token, base);
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as Login;
}

/** Ends the session on every node (POST /api/logout); sent with keepalive, so a page may reload right after. */
export async function logoutOnHub(current: Login, base = ""): Promise<void> {
  const response = await post("/api/logout", current.token, base, true);
  if (!response.ok && response.status !== 401) throw await refusal(response);
}

/**
 * Renews the login at three quarters of its remaining life, again and again, handing each new one to `renewed`.
 * A refusal (logged out, key rotated, delegate removed) stops it; a network failure retries after a pause.
 * Returns the function that stops it.
 */
export function keepFresh(current: () => Login, renewed: (login: Login) => void, base = ""): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (!stopped) timer = setTimeout(run, Math.max(1_000, delayMs));
  };
  const run = async () => {
    const login = current();
    try {
      const fresh = await refreshLogin(login, base);
      renewed(fresh);
      schedule((fresh.expiresAt - Date.now()) * 0.75);
    } catch (error) {
      if (error instanceof LoginRefused && error.status >= 400 && error.status < 500) return;
      if (login.expiresAt > Date.now()) schedule(Math.min(10_000, (login.expiresAt - Date.now()) / 2));
    }
  };
  schedule((current().expiresAt - Date.now()) * 0.75);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
