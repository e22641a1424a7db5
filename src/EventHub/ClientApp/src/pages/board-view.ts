// The moderator's board of the 62 bridge points: a live view the hub sends (Board), not part of the log.
import { t } from "../i18n/i18n.js";
import { h } from "../ui/dom.js";
import type { SiteInfo } from "../ui/page.js";

export interface SiteBoardRow {
  site: string;
  status: "notCheckedIn" | "online" | "hostDisconnected" | "checkedOut";
  lead: string | null;
  headcount: number;
  delegatesJoined: number;
  delegatesConnected: number;
  hostConnections: number;
  hostLastHeardAt: number | null;
  hostRttMs: number | null;
  hostAlert: boolean;
  rollCallAnsweredAt: number | null;
}

export interface SiteBoard {
  at: number;
  seq: number;
  totals: {
    sites: number; sitesCheckedIn: number; sitesOnline: number; headcount: number; delegatesJoined: number;
    delegatesConnected: number; awardeesJoined: number; awardeesConnected: number; displaysConnected: number; hostAlerts: number;
  };
  rollCall: { id: string; startedAt: number; deadlineAt: number; closedAt: number | null; answered: number } | null;
  sites: SiteBoardRow[];
}

const regions = ["northern-midlands-mountains", "red-river-delta", "north-central-coast", "central-highlands", "southeast", "mekong-delta"];
const marks: Record<SiteBoardRow["status"], string> = { online: "●", hostDisconnected: "◐", checkedOut: "✕", notCheckedIn: "○" };

export function totalsText(board: SiteBoard): string {
  const x = board.totals;
  return t("mod.boardTotals", {
    checkedIn: x.sitesCheckedIn, sites: x.sites, online: x.sitesOnline, headcount: x.headcount, delegates: x.delegatesConnected, alerts: x.hostAlerts,
  });
}

/** One grid per region, one button per site: status mark and colour, headcount, delegates, round trip. */
export function boardView(board: SiteBoard, sites: Map<string, SiteInfo>, select: (code: string) => void): HTMLElement {
  const rows = new Map(board.sites.map(r => [r.site, r]));
  const byRegion = regions.map(region => [...sites.values()].filter(s => s.region === region && rows.has(s.code)));
  return h("div", {}, ...byRegion.map(list => h("div", { class: "board" }, ...list.map(site => {
    const row = rows.get(site.code)!;
    const status = row.hostAlert ? t("board.hostLost") : t(`board.${row.status}`);
    const rtt = row.hostRttMs === null ? "" : ` · ${row.hostRttMs}ms`;
    const label = `${site.name}: ${status}, ${t("board.people", { count: row.headcount })}, ${t("board.delegates", { count: row.delegatesConnected })}${rtt}`;
    const answered = board.rollCall && board.rollCall.closedAt === null && row.rollCallAnsweredAt !== null;
    // The tile's short figures are for the eye; its name (the code, then the whole sentence) is for everyone.
    return h("button", {
      type: "button", class: `${row.status}${row.hostAlert ? " alert" : ""}${answered ? " answered" : ""}`, title: label,
      "data-site": site.code, onclick: () => select(site.code),
    }, h("strong", {}, h("span", { "aria-hidden": "true" }, `${row.hostAlert ? "⚠" : marks[row.status]} `), site.code),
      h("span", { class: "visually-hidden" }, ` ${label}`),
      h("br"), h("span", { "aria-hidden": "true" }, `${row.headcount}·${row.delegatesConnected}đb${rtt}`));
  }))));
}
