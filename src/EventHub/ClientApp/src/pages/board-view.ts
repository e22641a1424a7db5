// The moderator's board of the 62 bridge points: a live view the hub sends (Board), not part of the log.
import { t } from "../i18n/i18n.js";
import type { TextKey } from "../i18n/vi.js";
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

/**
 * The sites whose host is lost, first and in red: a button each that opens the site's detail. Empty when none.
 */
export function alertsView(board: SiteBoard, sites: Map<string, SiteInfo>, select: (code: string) => void): HTMLElement | null {
  const lost = board.sites.filter(r => r.hostAlert);
  if (lost.length === 0) return null;
  return h("div", { class: "alerts", "data-testid": "alerts" }, h("strong", {}, t("mod.alerts")), " ",
    ...lost.map(r => h("button", { type: "button", class: "danger", onclick: () => select(r.site) },
      `⚠ ${sites.get(r.site)?.name ?? r.site} (${r.site}): ${t("board.hostLost")}`)));
}

/** One grid per region under the region's name and count, one button per site: status mark and colour, headcount, delegates, round trip. */
export function boardView(board: SiteBoard, sites: Map<string, SiteInfo>, select: (code: string) => void): HTMLElement {
  const rows = new Map(board.sites.map(r => [r.site, r]));
  const byRegion = regions.map(region => ({ region, list: [...sites.values()].filter(s => s.region === region && rows.has(s.code)) }));
  return h("div", {}, ...byRegion.filter(r => r.list.length > 0).map(({ region, list }) => {
    const checkedIn = list.filter(s => { const status = rows.get(s.code)!.status; return status === "online" || status === "hostDisconnected"; }).length;
    return h("div", { class: "region", role: "group", "aria-label": t(`region.${region}` as TextKey), "data-region": region },
      h("h3", {}, t(`region.${region}` as TextKey), h("span", { class: "muted" }, ` · ${t("mod.regionCount", { checkedIn, count: list.length })}`)),
      h("div", { class: "board" }, ...list.map(site => tile(board, rows.get(site.code)!, site, select))));
  }));
}

function tile(board: SiteBoard, row: SiteBoardRow, site: SiteInfo, select: (code: string) => void): HTMLElement {
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
}
