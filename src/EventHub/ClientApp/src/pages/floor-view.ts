// The floor as both pages show it: who speaks (name, title, site, topic) and the countdown with its phase.
import { phaseOf, remainingMs, speaking } from "../forum/queries.js";
import type { ForumState } from "../forum/state.js";
import { t } from "../i18n/i18n.js";
import { h } from "../ui/dom.js";
import { siteName, type SiteInfo } from "../ui/page.js";
import { countdown } from "../ui/time.js";

/** The countdown's text and phase class at `now`, or null when nobody speaks. */
export function clockOf(state: ForumState, now: number): { text: string; phase: string; label: string } | null {
  const floor = state.speakerQueue.floor;
  if (!floor) return null;
  const remaining = remainingMs(floor, now);
  const phase = phaseOf(remaining);
  const label = floor.pausedAt !== null ? t("floor.paused") : t(`floor.${phase}`);
  return { text: countdown(remaining), phase, label };
}

export function floorView(state: ForumState, sites: Map<string, SiteInfo>, now: number): HTMLElement {
  const request = speaking(state);
  const clock = clockOf(state, now);
  if (!request || !clock) return h("p", { class: "muted" }, t("floor.nobody"));
  return h("div", { class: `phase-${clock.phase}` },
    h("p", {}, h("strong", { "data-testid": "speaker" }, request.speaker), request.speakerTitle ? `, ${request.speakerTitle}` : ""),
    h("p", {}, siteName(sites, request.site)),
    request.topic ? h("p", { class: "muted" }, request.topic) : null,
    h("div", { class: "countdown", role: "timer", "aria-label": t("floor.remaining"), "data-testid": "countdown" }, clock.text),
    h("p", { "data-testid": "phase" }, clock.label));
}
