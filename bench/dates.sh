#!/usr/bin/env bash
# dates.sh compares treatyline's prose date finder (histdate.Find) with
# chrono-node on the shared corpus, in one run: throughput in MB/s on one
# core, and recall against the gold dates of seeds.yaml. See README.md.
#
# Environment: SHARED (default: the "shared" folder beside the repository),
# MB (20), WHOLE_MB (1), RUNS (5), PIN (1: pin both programs to one CPU
# with taskset when it exists; 0: don't), CHRONO_VERSION (2.10.3).
set -euo pipefail

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
shared=${SHARED:-$repo/../shared}
mb=${MB:-20}
whole_mb=${WHOLE_MB:-1}
runs=${RUNS:-5}
chrono_version=${CHRONO_VERSION:-2.10.3}

gold=$shared/gold/seeds.yaml
shopt -s nullglob
texts=("$shared"/corpus/*.txt)
shopt -u nullglob
if [[ ${#texts[@]} -eq 0 ]]; then
	echo "dates.sh: no texts in $shared/corpus (set SHARED to the shared folder)" >&2
	exit 1
fi
if [[ ! -f $gold ]]; then
	echo "dates.sh: no gold file at $gold (set SHARED to the shared folder)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# chrono-node goes into the temporary directory, so that a clean clone
# needs nothing installed and the repository gains no node_modules.
if ! npm install --no-save --no-audit --no-fund --prefix "$tmp" "chrono-node@$chrono_version" >"$tmp/npm.log" 2>&1; then
	cat "$tmp/npm.log" >&2
	exit 1
fi
(cd "$repo" && go build -o "$tmp/datefinder" ./bench/datefinder)

# One CPU for each program in turn. Go is held to one P by the program
# itself; pinning also keeps V8's helper threads (concurrent GC,
# background compilation) from getting a second core for free.
pin=()
if [[ ${PIN:-1} != 0 ]] && command -v taskset >/dev/null; then
	pin=(taskset -c 0)
fi

"${pin[@]}" "$tmp/datefinder" -json -mb "$mb" -whole-mb "$whole_mb" -runs "$runs" \
	-gold "$gold" -gold-out "$tmp/gold.json" "${texts[@]}" >"$tmp/go.json"
"${pin[@]}" node --expose-gc "$repo/bench/chrono/run.mjs" --json --chrono "$tmp" \
	--gold "$tmp/gold.json" --mb "$mb" --whole-mb "$whole_mb" --runs "$runs" "${texts[@]}" >"$tmp/chrono.json"

# The table is drawn by Node, which is here anyway, rather than by jq,
# which a clean machine may lack.
PINNED=${#pin[@]} node - "$tmp/go.json" "$tmp/chrono.json" <<'EOF'
const fs = require("node:fs");
const os = require("node:os");
const [goRep, jsRep] = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));

for (const [a, b] of goRep.throughput.map((s, i) => [s, jsRep.throughput[i]])) {
  if (!b || a.sha256 !== b.sha256 || a.bytes !== b.bytes || a.calls !== b.calls) {
    console.error(`dates.sh: the two programs did not read the same text (${a.call})`);
    process.exit(1);
  }
}

const rows = [];
const row = (what, g, c) => rows.push([what, String(g), String(c)]);
row("", goRep.finder, jsRep.finder);
for (const [i, a] of goRep.throughput.entries()) {
  const b = jsRep.throughput[i];
  const how = a.call === "document" ? `a call per document, ${(a.bytes / 1e6).toFixed(1)} MB` : `one call on ${(a.bytes / 1e6).toFixed(1)} MB`;
  row(`MB/s, ${how}`, a.mb_per_s.toFixed(2), b.mb_per_s.toFixed(2));
  row(`  speed ratio (histdate/chrono)`, (a.mb_per_s / b.mb_per_s).toFixed(1) + "x", "");
}
const pct = (r, k) => `${r[k]}/${r.gold} (${Math.round((100 * r[k]) / r.gold)}%)`;
row("recall, exact span", pct(goRep.recall, "exact"), pct(jsRep.recall, "exact"));
row("recall, overlapping span", pct(goRep.recall, "overlap"), pct(jsRep.recall, "overlap"));
row("recall, exact span and calendar", pct(goRep.recall, "exact_calendar"), pct(jsRep.recall, "exact_calendar"));

const w = [0, 1, 2].map((k) => Math.max(...rows.map((r) => r[k].length)));
for (const r of rows) console.log(`${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2]}`);

const cores = process.env.PINNED !== "0" ? "pinned to one CPU" : "not pinned";
console.log(`\nbest of ${goRep.throughput[0].runs} runs each, ${cores}; Go GOMAXPROCS=1, Node ${process.version};` +
  ` chrono uses its parser for each text's language (casual English alone: exact ${jsRep.recall_en_only.exact}/${jsRep.recall_en_only.gold}, overlap ${jsRep.recall_en_only.overlap}/${jsRep.recall_en_only.gold}).`);
const load = os.loadavg()[0];
if (load > 1) console.log(`warning: load average ${load.toFixed(1)}: other work shared the machine, the MB/s are noisy.`);

for (const [name, rep] of [["histdate", goRep], ["chrono", jsRep]]) {
  const missed = rep.recall.items.filter((it) => !it.exact_calendar);
  if (missed.length === 0) continue;
  console.log(`\n${name}, gold dates not found at their exact span with their value and calendar:`);
  for (const it of missed) {
    const got = it.got.length === 0 ? "nothing there"
      : it.got.map((m) => `${JSON.stringify(m.text)} = ${m.values.join(" = ")} ${m.calendar}`).join("; ");
    const want = `${it.value}${it.calendar ? ` (${it.calendar})` : ""}`;
    const note = it.exact ? " (span and value right)" : it.overlap ? " (found overlapping)" : "";
    console.log(`  ${it.source} ${JSON.stringify(it.written)} want ${want}${note}: got ${got}`);
  }
}
EOF
