// The recorded forum (test/fixtures/forum-log.json, written by test/record-fixtures.mjs against a real hub): the
// whole log as the moderator, a site host (HCM) and a display received it, and each one's snapshot at the head.
import fs from "node:fs";
import path from "node:path";
import type { EventEnvelope } from "../src/forum/state.js";

export interface Recording {
  epoch: string;
  head: number;
  events: EventEnvelope[];
  snapshot: string;
  snapshotSeq: number;
}

const file = path.resolve(process.cwd(), "test/fixtures/forum-log.json");
export const recorded: Record<"moderator" | "host" | "display", Recording> = JSON.parse(fs.readFileSync(file, "utf8"));
