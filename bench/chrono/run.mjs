// run.mjs measures chrono-node the way bench/datefinder measures
// treatyline's histdate.Find, so that bench/dates.sh can set the two side
// by side: throughput on the same repeated text (one call per copy of a
// file, and optionally one call on the copies joined), best of the same
// number of runs after a warm-up, and recall on the same gold dates with
// the same matching rule.
//
// Usage:
//
//   node --expose-gc run.mjs --chrono DIR --gold gold.json [--mb 20]
//        [--whole-mb 0] [--runs 5] [--json] file.txt ...
//
// DIR is where chrono-node was installed (npm install --prefix DIR
// chrono-node), or the package itself; CHRONO_DIR may give it instead.
// gold.json is what `datefinder -gold seeds.yaml -gold-out gold.json`
// writes: the gold dates with their spans in code points. Reading the
// gold through the Go program keeps one reading of seeds.yaml for both
// finders, and spares this script a YAML parser.

import { readFileSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";

const { values: opt, positionals: files } = parseArgs({
  allowPositionals: true,
  options: {
    chrono: { type: "string", default: process.env.CHRONO_DIR ?? "" },
    gold: { type: "string", default: "" },
    mb: { type: "string", default: "20" },
    "whole-mb": { type: "string", default: "0" },
    runs: { type: "string", default: "5" },
    json: { type: "boolean", default: false },
  },
});

function fail(msg) {
  console.error("run.mjs: " + msg);
  process.exit(2);
}

if (!opt.chrono) fail("give --chrono DIR (or CHRONO_DIR): where chrono-node is installed");
if (files.length === 0) fail("no texts: name .txt files");
const runs = Number(opt.runs);
if (!(runs >= 1)) fail("--runs must be at least 1");

// loadChrono imports the package's ES module by path: a bare
// "chrono-node" would be looked up beside this script, not in the
// temporary directory the package was installed into.
async function loadChrono(dir) {
  const pkgDir = [join(dir, "node_modules", "chrono-node"), dir].find((d) =>
    existsSync(join(d, "package.json"))
  );
  if (!pkgDir) fail(`no chrono-node under ${dir}`);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  if (pkg.name !== "chrono-node") fail(`${pkgDir} holds ${pkg.name}, not chrono-node`);
  const entry = pkg.exports?.["."]?.import ?? pkg.module ?? pkg.main;
  const mod = await import(pathToFileURL(join(pkgDir, entry)).href);
  return { chrono: mod, version: pkg.version };
}

const { chrono, version } = await loadChrono(opt.chrono);

// A fixed reference date keeps what chrono implies (a missing year, say)
// the same from day to day. Only values the text states are scored.
const REF = new Date(Date.UTC(2000, 0, 1));

const srcs = files.map((path) => ({
  id: basename(path).replace(/\.txt$/, ""),
  path,
  text: readFileSync(path, "utf8"),
}));

// copies makes the same copies, in the same order, as datefinder's copies.
// Sizes count UTF-8 bytes, as Go's len does.
function copies(min) {
  const out = [];
  let n = 0;
  while (n < min || out.length === 0) {
    for (const s of srcs) {
      if (out.length > 0) n += 2; // the blank line that joins two copies
      out.push(s.text);
      n += Buffer.byteLength(s.text, "utf8");
    }
    if (n === 0) break;
  }
  return out;
}

// timeParse mirrors datefinder's timeFind: one warm-up reading, which
// also lets V8 compile the hot paths with its optimizing tier, then the
// fastest of the timed runs, each after a collection when --expose-gc
// allows one (Go's runs start with runtime.GC()).
function timeParse(call, texts) {
  const h = createHash("sha256");
  let bytes = 0;
  texts.forEach((t, i) => {
    if (i > 0) h.update("\n\n");
    h.update(t, "utf8");
    bytes += Buffer.byteLength(t, "utf8");
  });
  const readAll = () => {
    let n = 0;
    for (const t of texts) n += chrono.parse(t, REF).length;
    return n;
  };
  readAll();
  let best = Infinity;
  let mentions = 0;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    mentions = readAll();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < best) best = s;
  }
  return {
    call,
    calls: texts.length,
    bytes,
    sha256: h.digest("hex"),
    runs,
    best_seconds: best,
    mb_per_s: bytes / 1e6 / best,
    mentions,
  };
}

// codePoints maps each UTF-16 index of text to the number of code points
// before it: chrono's index counts UTF-16 units, the gold spans count
// code points.
function codePoints(text) {
  const at = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = cp;
    const c = text.charCodeAt(i);
    // The high half of a surrogate pair starts a code point; the low
    // half belongs to it.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) cp++;
    else at[i] = cp - 1;
  }
  at[text.length] = cp;
  return at;
}

function isHigh(c) {
  return c >= 0xd800 && c <= 0xdbff;
}

const pad = (n, w) => String(n).padStart(w, "0");

// figures writes the components the text states, in the form of the gold
// values: "1858-05-28", "1860-11", "1850"; without a year ISO 8601's
// "--05-28". Values chrono only implied (from the reference date) are
// left out, as datefinder leaves out a year the text does not give.
function figures(c) {
  const y = c.isCertain("year") ? pad(c.get("year"), 4) : "-";
  if (c.isCertain("month")) {
    const ym = `${y}-${pad(c.get("month"), 2)}`;
    return c.isCertain("day") ? `${ym}-${pad(c.get("day"), 2)}` : ym;
  }
  return c.isCertain("year") ? y : "(no date)";
}

function valueOf(r) {
  return r.end ? `${figures(r.start)}/${figures(r.end)}` : figures(r.start);
}

// parserFor picks the chrono parser of a source's language ("nl" ->
// chrono.nl), or casual English when chrono has none.
function parserFor(lang) {
  if (lang && lang !== "en" && typeof chrono[lang]?.parse === "function") {
    return { name: `chrono.${lang}.parse`, parse: chrono[lang].parse };
  }
  return { name: "chrono.parse", parse: chrono.parse };
}

// goldCalendar reads the gold calendar field as datefinder does: none is
// Gregorian, "dual: ..." a dual dating.
function goldCalendar(g) {
  const c = (g.calendar ?? "").toLowerCase();
  return c === "" ? "gregorian" : c.startsWith("dual") ? "dual" : c;
}

// score applies datefinder's rule: a gold date is found exactly when a
// result has its span and its value, and by overlap when a result
// overlapping its span has its value. chrono's text sometimes ends in a
// space ("February 12 "); the span is trimmed, since a space says nothing
// about a date.
function score(gold, langOf) {
  const reads = new Map();
  for (const s of srcs) {
    const p = langOf(s.id);
    const at = codePoints(s.text);
    const got = p.parse(s.text, REF).map((r) => {
      const lead = r.text.length - r.text.trimStart().length;
      const body = r.text.trim();
      const u0 = r.index + lead;
      // chrono knows the Gregorian calendar only.
      return { start: at[u0], end: at[u0 + body.length], text: body, values: [valueOf(r)], calendar: "gregorian" };
    });
    reads.set(s.id, { parser: p.name, got });
  }
  const rec = { gold: 0, exact: 0, overlap: 0, exact_calendar: 0, skipped: 0, items: [] };
  for (const g of gold.dates) {
    const rd = reads.get(g.source);
    if (!rd || g.start < 0) {
      rec.skipped++;
      continue;
    }
    rec.gold++;
    const it = { ...g, parser: rd.parser, exact: false, overlap: false, exact_calendar: false, got: [] };
    for (const m of rd.got) {
      if (m.start >= g.end || g.start >= m.end) continue;
      it.got.push(m);
      if (!m.values.includes(g.value)) continue;
      it.overlap = true;
      if (m.start === g.start && m.end === g.end) {
        it.exact = true;
        if (m.calendar === goldCalendar(g)) it.exact_calendar = true;
      }
    }
    if (it.exact) rec.exact++;
    if (it.exact_calendar) rec.exact_calendar++;
    if (it.overlap) rec.overlap++;
    rec.items.push(it);
  }
  return rec;
}

const report = { finder: `chrono-node ${version}`, files: srcs.length, throughput: [] };
report.throughput.push(timeParse("document", copies(Number(opt.mb) * 1e6)));
if (Number(opt["whole-mb"]) > 0) {
  report.throughput.push(timeParse("whole", [copies(Number(opt["whole-mb"]) * 1e6).join("\n\n")]));
}
if (opt.gold) {
  const gold = JSON.parse(readFileSync(opt.gold, "utf8"));
  // Check that this script reads the texts as datefinder did: the gold
  // span must hold the written form.
  for (const g of gold.dates) {
    const s = srcs.find((x) => x.id === g.source);
    if (!s || g.start < 0) continue;
    const got = [...s.text].slice(g.start, g.end).join("");
    if (got !== g.written) fail(`${g.source}: span [${g.start},${g.end}) holds ${JSON.stringify(got)}, not ${JSON.stringify(g.written)}`);
  }
  report.recall = score(gold, (id) => parserFor(gold.languages?.[id]));
  // Casual English alone, for the reader who wants chrono's main parser
  // on every text.
  const en = score(gold, () => parserFor("en"));
  report.recall_en_only = { gold: en.gold, exact: en.exact, overlap: en.overlap, exact_calendar: en.exact_calendar };
}

if (opt.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`${report.finder}, ${report.files} files repeated, Node ${process.version}:`);
  for (const sp of report.throughput) {
    console.log(`  ${sp.call.padEnd(8)} ${sp.calls} calls, ${(sp.bytes / 1e6).toFixed(1)} MB in ${sp.best_seconds.toFixed(3)} s (best of ${sp.runs}) = ${sp.mb_per_s.toFixed(1)} MB/s, ${sp.mentions} mentions`);
  }
  const r = report.recall;
  if (r) {
    console.log(`recall: exact span ${r.exact}/${r.gold}, overlap ${r.overlap}/${r.gold}, exact span and calendar ${r.exact_calendar}/${r.gold}` +
      ` (casual English only: ${report.recall_en_only.exact}, ${report.recall_en_only.overlap})`);
    for (const it of r.items) {
      const mark = !it.overlap ? "MISSED " : !it.exact ? "overlap" : !it.exact_calendar ? "ok, cal" : "ok     ";
      let line = `  ${mark} ${it.source} ${JSON.stringify(it.written)} [${it.start},${it.end}) want ${it.value} (${it.parser})`;
      if (it.got.length === 0) line += "; got nothing there";
      for (const m of it.got) line += `; got ${JSON.stringify(m.text)} [${m.start},${m.end}) = ${m.values.join(" = ")}`;
      console.log(line);
    }
  }
}
