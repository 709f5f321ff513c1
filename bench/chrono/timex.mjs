// timex.mjs runs chrono-node on the texts that `go run ./bench/timex
// -texts-out DIR` writes (the TIMEX2 documents with their tags stripped)
// and prints what it found as JSON, for `bench/timex -found FILE` to score
// with the same rules as histdate.Find. bench/timex.sh runs the two.
//
// Usage:
//
//   node timex.mjs --chrono DIR TEXTS_DIR > found.json
//
// DIR is where chrono-node was installed (npm install --prefix DIR
// chrono-node). A mention's value is the date at the precision chrono is
// certain of (1939-09-01, 1939-09, 1939), with XXXX for a year it only
// implied from its reference date, and both ends of a range.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values: opt, positionals: args } = parseArgs({
  allowPositionals: true,
  options: { chrono: { type: "string", default: process.env.CHRONO_DIR ?? "" } },
});

function fail(msg) {
  console.error("timex.mjs: " + msg);
  process.exit(2);
}

if (!opt.chrono) fail("give --chrono DIR: where chrono-node is installed");
if (args.length !== 1) fail("give the folder of texts");

const pkgDir = [join(opt.chrono, "node_modules", "chrono-node"), opt.chrono].find((d) => existsSync(join(d, "package.json")));
if (!pkgDir) fail(`no chrono-node under ${opt.chrono}`);
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const entry = pkg.exports?.["."]?.import ?? pkg.module ?? pkg.main;
const chrono = await import(pathToFileURL(join(pkgDir, entry)).href);

const REF = new Date(Date.UTC(2000, 0, 1));
const pad = (n, w) => String(n).padStart(w, "0");

// value writes the components chrono is certain of, as TIMEX2 does.
function value(c) {
  const y = c.isCertain("year") ? pad(c.get("year"), 4) : "XXXX";
  if (c.isCertain("month")) {
    const ym = `${y}-${pad(c.get("month"), 2)}`;
    return c.isCertain("day") ? `${ym}-${pad(c.get("day"), 2)}` : ym;
  }
  if (c.isCertain("day")) return `${y}-XX-${pad(c.get("day"), 2)}`;
  return c.isCertain("year") ? y : "";
}

// codePoints maps UTF-16 indexes to code points, which the gold counts.
function codePoints(text) {
  const at = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const low = c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    at[i] = low ? cp - 1 : cp;
    if (!low) cp++;
  }
  at[text.length] = cp;
  return at;
}

const mentions = [];
const dir = args[0];
for (const name of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
  const text = readFileSync(join(dir, name), "utf8");
  const at = codePoints(text);
  for (const r of chrono.parse(text, REF)) {
    const lead = r.text.length - r.text.trimStart().length;
    const body = r.text.trim();
    const u0 = r.index + lead;
    const values = [value(r.start)];
    if (r.end) values.push(value(r.end));
    mentions.push({ doc: name.replace(/\.txt$/, ""), start: at[u0], end: at[u0 + body.length], values });
  }
}
console.log(JSON.stringify({ finder: `chrono-node ${pkg.version}`, mentions }));
