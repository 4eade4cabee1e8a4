// Bundles src/index.ts (and @microsoft/signalr) into one minified file and reports its gzipped size against the budget.
// Usage: node build.mjs [output]. Skips the bundle when the output is newer than every source (MSBuild runs it on each build).
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync, statSync, readdirSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, "..", "src", "Inbox.Server", "wwwroot", "widget.js"));
const budget = 30 * 1024;

const sources = [join(here, "build.mjs"), join(here, "package-lock.json"), ...readdirSync(join(here, "src")).map(f => join(here, "src", f))];
const newest = Math.max(...sources.filter(existsSync).map(f => statSync(f).mtimeMs));
if (!existsSync(out) || statSync(out).mtimeMs < newest) {
  mkdirSync(dirname(out), { recursive: true });
  await build({
    entryPoints: [join(here, "src", "index.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2019"],
    outfile: out,
    legalComments: "none",
    logLevel: "warning",
  });
}
const gz = gzipSync(readFileSync(out), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`widget: ${out} ${kb(statSync(out).size)} minified, ${kb(gz)} gzipped (budget ${kb(budget)})`);
if (gz > budget) {
  console.error(`widget: error: the gzipped bundle is over its ${kb(budget)} budget`);
  process.exit(1);
}
