#!/usr/bin/env python3
"""Write a generated handbook's files without git, for the search benchmark.

usage: search_corpus.py --docs N --out DIR [--seed S]

The documents are those of ../shared/bench/gen_corpus.py (the same generator:
titles, bodies, front matter, briefs, roster, charter), each written once as a
file; no history. gen_corpus.py gives every document a commit of its own, which
takes hours at 100,000 documents, and search does not read history.
"""
import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "shared" / "bench"))
import gen_corpus  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    a.people, a.briefs, a.commits = 40, a.docs // 10, a.docs + 1
    g = gen_corpus.Gen(a)
    r, n = g.r, a.docs
    g.files, g.meta = {}, {}
    # The same metadata as gen_corpus.Gen.run, without the history.
    for i in range(1, n + 1):
        t = g.title()
        g.files[i] = f"{i:04d}-{g.slug(t)}.md" if n < 10000 else f"{i:05d}-{g.slug(t)}.md"
        g.meta[i] = {"title": t, "owner": r.choice(g.people)[0], "tags": r.sample(gen_corpus.TAGS, r.randint(1, 3)),
                     "size": int(r.triangular(1000, 8000, 2500)), "status": "accepted"}
    for i in range(1, n + 1):
        x = r.random()
        g.meta[i]["status"] = "proposed" if x < 0.1 else "rejected" if x < 0.15 else "deprecated" if x < 0.2 else "accepted"
    for i in range(1, n + 1):
        if i > 10 and r.random() < 0.1:
            j = r.randint(1, i - 1)
            if g.meta[j]["status"] == "accepted" and not g.meta[j].get("superseded_by") and g.meta[i]["status"] == "accepted":
                g.meta[j]["status"], g.meta[j]["superseded_by"], g.meta[i]["supersedes"] = "superseded", i, j
    out = Path(a.out)
    (out / "docs" / "decisions").mkdir(parents=True, exist_ok=True)
    (out / "docs" / "briefs").mkdir(parents=True, exist_ok=True)
    (out / "docs" / "people.yaml").write_text(
        "".join(f"- id: {p}\n  name: {nm}\n  timezone: {tz}\n" for p, nm, tz, _ in g.people))
    (out / "docs" / "charter.md").write_text(gen_corpus.CHARTER)
    step = 730 * 86400 // (n + 1)
    ts = gen_corpus.START
    for i in range(1, n + 1):
        ts += step
        g.meta[i]["opened"] = ts
        (out / "docs" / "decisions" / g.files[i]).write_text(g.decision(i, ts, 0))
    for b in range(1, a.briefs + 1):
        (out / "docs" / "briefs" / f"brief-{b:05d}.md").write_text(g.brief(b, gen_corpus.START + b * step))
    print(out)


if __name__ == "__main__":
    main()
