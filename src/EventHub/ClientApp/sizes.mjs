// Prints each page's first load (its HTML, the CSS and every script it imports, not the chunks loaded on demand)
// raw and gzip -9, from the built wwwroot: `node sizes.mjs` after `dotnet build` (docs/web.md's table).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../wwwroot");
const size = file => {
  const bytes = fs.readFileSync(path.join(root, file));
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
};
/** A module's static imports, transitively (dynamic import() chunks are left out: they load on demand). */
function scripts(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(path.join(root, file), "utf8");
  for (const m of text.matchAll(/(?:^|[;}])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+)["']/g)) scripts(path.join(path.dirname(file), m[1]), seen);
  return seen;
}
const rows = [];
for (const [page, html] of [["/", "index.html"], ["/site", "site.html"], ["/moderator", "moderator.html"],
  ["/display", "display.html"]]) {
  const entry = fs.readFileSync(path.join(root, html), "utf8").match(/src="\/(app\/[^"]+\.js)"/)[1];
  const styles = [...fs.readFileSync(path.join(root, html), "utf8").matchAll(/href="\/([^"]+\.css)"/g)].map(m => m[1]);
  const files = [html, ...styles, ...scripts(entry)];
  const total = files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }));
  rows.push(`| ${page} | ${files.length} files | ${(total.raw / 1024).toFixed(1)} KB | ${(total.gzip / 1024).toFixed(1)} KB |`);
}
// The delegate's phone page is one file: its script and styles are inlined (build.mjs, inlinePhonePage).
const phone = size("join.html");
rows.push(`| /join | 1 file (script and styles inlined) | ${(phone.raw / 1024).toFixed(1)} KB | ${(phone.gzip / 1024).toFixed(1)} KB |`);
/** What a chunk holds, told by strings the minifier keeps. */
const onDemand = new Set(fs.readdirSync(path.join(root, "app")).flatMap(f =>
  [...fs.readFileSync(path.join(root, "app", f), "utf8").matchAll(/import\("\.\/([^"]+)"\)/g)].map(m => `app/${m[1]}`)));
function role(file) {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  if (!file.includes("chunk-")) return "page entry";
  if (onDemand.has(file)) return "MessagePack protocol (on demand)";
  if (text.includes("Cannot send data if the connection is not in the 'Connected' State")) return "SignalR client";
  if (text.includes("lang.otherLabel")) return "catalogues (vi, en) and shared helpers";
  return text.includes("Resume") ? "forum client" : "shared";
}
for (const file of fs.readdirSync(path.join(root, "app")).filter(f => f.endsWith(".js")).sort()) {
  const s = size(`app/${file}`);
  rows.push(`| app/${file} | ${role(`app/${file}`)} | ${(s.raw / 1024).toFixed(1)} KB | ${(s.gzip / 1024).toFixed(1)} KB |`);
}
console.log(rows.join("\n"));
