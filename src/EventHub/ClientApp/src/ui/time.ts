// Times are shown in the forum's zone, Việt Nam time (UTC+7, no daylight saving), with the zone written out, so a
// laptop set to another zone still shows what the hall's clock says.
const forumOffsetMs = 7 * 3600_000;
export const zoneLabel = "UTC+7";

/** "14:05:09" in UTC+7. */
export function clock(ms: number): string {
  return new Date(ms + forumOffsetMs).toISOString().slice(11, 19);
}

/** "14:05:09 (UTC+7)". */
export function timeWithZone(ms: number): string {
  return `${clock(ms)} (${zoneLabel})`;
}

/** "03/12 14:05 (UTC+7)": a date and minute, for histories. */
export function dateTimeWithZone(ms: number): string {
  const iso = new Date(ms + forumOffsetMs).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)} ${iso.slice(11, 16)} (${zoneLabel})`;
}

/** A countdown: "4:05", "-0:12" once over time. */
export function countdown(ms: number): string {
  const negative = ms < 0;
  const total = negative ? Math.ceil(-ms / 1000) : Math.ceil(ms / 1000);
  const text = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
  return negative ? `−${text}` : text;
}

/** A duration in whole minutes and seconds: "3 ph 05 s" style is left to the catalogue; this gives "3:05". */
export function duration(ms: number): string {
  return countdown(Math.max(0, ms));
}
