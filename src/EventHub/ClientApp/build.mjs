// Builds the pages into ../wwwroot (never committed): one ES module bundle per page, minified, with the static
// HTML and CSS beside them. `--tests` instead compiles test/*.test.ts for node's test runner into dist-test/.
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.resolve(here, "../wwwroot");

if (process.argv.includes("--tests")) {
  const tests = fs.readdirSync(path.join(here, "test")).filter(f => f.endsWith(".test.ts")).map(f => path.join(here, "test", f));
  fs.rmSync(path.join(here, "dist-test"), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: tests, outdir: path.join(here, "dist-test"), bundle: true, platform: "node", format: "esm",
    target: "node20", sourcemap: "inline", packages: "external", logLevel: "warning",
  });
} else {
  // Empty it in place rather than delete it: a hub running from this build maps the folder itself.
  fs.mkdirSync(out, { recursive: true });
  for (const entry of fs.readdirSync(out)) fs.rmSync(path.join(out, entry), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { "app/site": "src/pages/site.ts", "app/moderator": "src/pages/moderator.ts", "app/landing": "src/pages/landing.ts",
      "app/display": "src/pages/display.ts" },
    absWorkingDir: here, outdir: out, bundle: true, format: "esm", splitting: true, minify: true,
    target: ["es2022"], chunkNames: "app/chunk-[hash]", metafile: true, logLevel: "warning",
  });
  fs.cpSync(path.join(here, "public"), out, { recursive: true });
  await inlinePhonePage();
}

/**
 * The delegate's phone page is one file: its script (bundled on its own, JSON protocol only) and styles inlined into
 * join.html, so a phone pays one round trip before it can type. On slow 3G each round trip costs about 2 s; the
 * module graph of the other pages (page → chunks) would cost two more before anything shows.
 */
async function inlinePhonePage() {
  const bundle = await esbuild.build({
    entryPoints: ["src/pages/join.ts"], absWorkingDir: here, bundle: true, format: "esm", minify: true, write: false,
    target: ["es2022"], external: ["@microsoft/signalr-protocol-msgpack"], logLevel: "warning",
  });
  const script = bundle.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
  const styles = ["app.css", "join.css"].map(f => fs.readFileSync(path.join(here, "public", f), "utf8")).join("\n");
  const page = path.join(out, "join.html");
  const html = fs.readFileSync(page, "utf8")
    .replace('<link rel="stylesheet" href="/app.css">', () => `<style>${styles}</style>`)
    .replace('<script type="module" src="/app/join.js"></script>', () => `<script type="module">${script}</script>`);
  fs.writeFileSync(page, html);
  fs.rmSync(path.join(out, "join.css"));
}
