#!/usr/bin/env python3
"""Generates a hub of N sources x M decisions (issue 16): OUT/docket.toml naming N
`[[sources]]`, each a `decisions.json` (version 1) under OUT/inputs/, and a small
handbook of the hub's own under OUT/docs. Deterministic: the same arguments give
the same bytes.

    python3 benches/gen_hub.py 500 200 target/bench/hub-500x200
    python3 benches/gen_hub.py 500 200 OUT --pages   # no `site`: a page per record

By default every source has a `site` (the set-up the organisation guide
recommends: each repository publishes its own site), so the hub links there;
with --pages no source has one and the hub writes a page for every record.
About one decision in ten supersedes a decision of another source (`sK:ID`).
"""

import argparse
import json
import random
from pathlib import Path

STATUSES = ["proposed", "accepted", "accepted", "accepted", "rejected", "superseded", "deprecated"]
TAGS = ["storage", "api", "security", "retries", "queues", "ci", "hiring", "pricing", "search", "ux"]
WORDS = ["use", "adopt", "retire", "move", "split", "merge", "cache", "queue", "index", "log",
         "retry", "shard", "encrypt", "rotate", "review", "publish", "measure", "limit"]


def source_json(rng, s, n_sources, m):
    entries = []
    for i in range(1, m + 1):
        status = rng.choice(STATUSES)
        title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
        slug = title.lower().replace(" ", "-")
        day = 1 + (i * 7 + s) % 28
        month = 1 + (i + s) % 11
        date = f"2026-{month:02d}-{day:02d}"
        decided = f"2026-{month:02d}-{min(day + 2, 28):02d}" if status in ("accepted", "rejected", "superseded") else None
        deadline = f"2026-{month + 1:02d}-{day:02d}" if status == "proposed" else None
        supersedes = []
        if i % 10 == 0 and n_sources > 1:
            other = (s + 1 + rng.randrange(n_sources - 1)) % n_sources
            supersedes.append(f"s{other:03d}:{rng.randrange(1, m + 1)}")
        owner = f"p{rng.randrange(n_sources * 8):05d}"
        path = f"docs/decisions/{i:04d}-{slug}.md"
        entries.append({
            "id": i, "kind": "decision", "folder": None, "title": title, "status": status,
            "owner": owner, "deciders": [owner], "date": date, "deadline": deadline,
            "decided": decided, "tags": rng.sample(TAGS, 2), "supersedes": supersedes,
            "superseded_by": None, "path": path, "url": f"decisions/{i:04d}-{slug}.html",
            "created": f"{date}T10:00:00Z", "updated": f"{decided or date}T12:00:00Z",
            "authors": [{"name": owner, "email": f"{owner}@example.com"}],
            "history": [{"commit": f"{s:04x}{i:06x}" + "0" * 30, "time": f"{date}T10:00:00Z",
                         "author": owner, "status": status}],
        })
    return {"version": 1, "decisions": entries}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sources", type=int)
    p.add_argument("decisions", type=int)
    p.add_argument("out")
    p.add_argument("--pages", action="store_true", help="no `site`: the hub writes every page")
    a = p.parse_args()
    out = Path(a.out)
    rng = random.Random(16)
    toml = ['root = "docs"', "", "[site]", 'title = "Organisation hub"', ""]
    for s in range(a.sources):
        name = f"s{s:03d}"
        folder = out / "inputs" / name
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(source_json(rng, s, a.sources, a.decisions), indent=2)
        (folder / "decisions.json").write_text(text + "\n")
        toml += ["[[sources]]", f'name = "{name}"', f'json = "inputs/{name}/decisions.json"']
        if not a.pages:
            toml.append(f'site = "https://{name}.handbook.example/"')
        toml.append("")
    (out / "docket.toml").write_text("\n".join(toml))
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("---\ntitle: Organisation hub\n---\n# Organisation hub\n\n"
                                   "Every team's decisions: see the organisation index.\n")


if __name__ == "__main__":
    main()
