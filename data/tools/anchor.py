#!/usr/bin/env python3
"""Fill in or verify the selectors of every evidence item in the curated data.

Every evidence item is written as a one-line YAML flow mapping that starts with
"{source:", e.g.

    - {source: 001_edea92537101e3cc, exact: "May 28, 1858"}

The script finds `exact` in the corpus document (read as UTF-8; offsets are
Unicode code points) and rewrites the mapping as

    {source: ..., exact: "...", prefix: "<=20 chars before", suffix: "<=20 after", start: N, end: M}

When `exact` occurs more than once, the occurrence is chosen by the hints already
in the mapping, in this order: a `start` at which `exact` stands; a `prefix`
(any length) that the text before an occurrence ends with; a `suffix` that the
text after an occurrence starts with; a `start` near an occurrence (closest
wins). Without hints an ambiguous quote is an error.

Usage:
    python3 data/tools/anchor.py [--corpus ../shared/corpus] [--check] [FILES...]

With --check nothing is written; the script exits 1 if a selector is missing or
wrong. It also checks data/sources.yaml's sha256 against the corpus files.
With no FILES it walks data/claims/*.yaml and data/provisions/*.yaml.
"""
import argparse
import glob
import hashlib
import json
import os
import sys

import yaml

CTX = 20
ORDER = ["source", "exact", "prefix", "suffix", "start", "end"]


def qstr(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    out = json.dumps(s, ensure_ascii=False)
    # make invisible characters visible
    return out.replace("\u00a0", "\\u00a0").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def flow_spans(line):
    """Yield (start, end) of every flow mapping that begins with '{source:'."""
    i = 0
    while True:
        i = line.find("{source:", i)
        if i < 0:
            return
        depth, j, inq, esc = 0, i, None, False
        while j < len(line):
            c = line[j]
            if inq:
                if esc:
                    esc = False
                elif c == "\\" and inq == '"':
                    esc = True
                elif c == inq:
                    inq = None
            elif c in "\"'":
                inq = c
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if depth != 0:
            raise ValueError("unbalanced evidence mapping: " + line.strip())
        yield i, j + 1
        i = j + 1


def occurrences(text, exact):
    out, i = [], text.find(exact)
    while i >= 0:
        out.append(i)
        i = text.find(exact, i + 1)
    return out


def anchor(ev, texts, where):
    src = ev.get("source")
    if src not in texts:
        raise ValueError(f"{where}: unknown source {src!r}")
    text = texts[src]
    exact = ev.get("exact")
    if not isinstance(exact, str) or not exact:
        raise ValueError(f"{where}: evidence without exact")
    occ = occurrences(text, exact)
    if not occ:
        raise ValueError(f"{where}: {exact!r} not found in {src}")
    pick = None
    start = ev.get("start")
    if isinstance(start, int) and start in occ:
        pick = start
    if pick is None and ev.get("prefix"):
        c = [o for o in occ if text[:o].endswith(ev["prefix"])]
        if len(c) == 1:
            pick = c[0]
        elif len(c) > 1:
            occ = c
    if pick is None and ev.get("suffix"):
        c = [o for o in occ if text[o + len(exact):].startswith(ev["suffix"])]
        if len(c) == 1:
            pick = c[0]
        elif len(c) > 1:
            occ = c
    if pick is None and isinstance(start, int):
        pick = min(occ, key=lambda o: abs(o - start))
    if pick is None:
        if len(occ) == 1:
            pick = occ[0]
        else:
            ctx = "; ".join(f"{o}: ...{text[max(0, o - 25):o]!r}" for o in occ)
            raise ValueError(f"{where}: {exact!r} occurs {len(occ)} times in {src}; add a prefix or start hint ({ctx})")
    end = pick + len(exact)
    return {
        "source": src,
        "exact": exact,
        "prefix": text[max(0, pick - CTX):pick],
        "suffix": text[end:end + CTX],
        "start": pick,
        "end": end,
    }


def render(ev):
    return "{" + ", ".join(
        f"{k}: {ev[k]}" if k in ("source", "start", "end") else f"{k}: {qstr(ev[k])}" for k in ORDER
    ) + "}"


def process(path, texts, check):
    lines = open(path, encoding="utf-8").read().split("\n")
    problems, changed = [], 0
    for n, line in enumerate(lines):
        spans = list(flow_spans(line))
        if not spans:
            continue
        out, last = [], 0
        for a, b in spans:
            where = f"{path}:{n + 1}"
            try:
                ev = yaml.safe_load(line[a:b])
                new = anchor(ev, texts, where)
            except Exception as e:  # noqa: BLE001
                problems.append(str(e))
                out.append(line[last:b])
                last = b
                continue
            for k in ORDER:
                if ev.get(k) != new[k]:
                    if check:
                        problems.append(f"{where}: {k} is {ev.get(k)!r}, want {new[k]!r}")
                    changed += 1
            out.append(line[last:a] + render(new))
            last = b
        out.append(line[last:])
        lines[n] = "".join(out)
    if not check and changed:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    # the file must still be valid YAML
    try:
        yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as e:
        problems.append(f"{path}: YAML: {e}")
    return problems, changed


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(data, "..", "..", "shared", "corpus"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    texts = {}
    hashes = {}
    for f in glob.glob(os.path.join(a.corpus, "*.txt")):
        b = open(f, "rb").read()
        sid = os.path.basename(f)[:-4]
        texts[sid] = b.decode("utf-8")
        hashes[sid] = hashlib.sha256(b).hexdigest()
    if not texts:
        sys.exit(f"no corpus at {a.corpus}")
    problems, changed = [], 0
    sp = os.path.join(data, "sources.yaml")
    if os.path.exists(sp):
        for s in yaml.safe_load(open(sp, encoding="utf-8"))["sources"]:
            if s["id"] in hashes and s.get("sha256") != hashes[s["id"]]:
                problems.append(f"{sp}: {s['id']} sha256 is {s.get('sha256')}, want {hashes[s['id']]}")
    files = a.files or sorted(glob.glob(os.path.join(data, "claims", "*.yaml")) + glob.glob(os.path.join(data, "provisions", "*.yaml")))
    for f in files:
        p, c = process(f, texts, a.check)
        problems += p
        changed += c
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(files)} files, {changed} selector fields {'wrong' if a.check else 'filled'}, {len(problems)} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
