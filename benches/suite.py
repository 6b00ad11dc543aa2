#!/usr/bin/env python3
"""docket's benchmark suite: one command, one table (run it through benches/run.sh).

Generates the corpora with ../shared/bench (gen_corpus.py at 1,000 / 10,000 /
100,000 documents, moved_records.py, many_refs.py; cached under target/bench), then
measures on this machine, alternating docket and its peers run by run:

- `docket check`, `docket build` cold (history cache removed, no previous site),
  warm (cache and previous site present) and incremental (one decision edited);
- Hugo on the same corpus (../shared/bench/peers/hugo.sh), with and without git
  info, and mdBook where it is installed;
- the floor: reading every document, and one `git log --name-only` pass;
- the moved-records shape (cold and warm against `git log -- docs/adr doc/adr`);
- many broken references (megabytes of Markdown per second, warm, against the
  generated corpus);
- `docket serve`'s edit-to-reload at 10,000 documents;
- a hub of 500 sources x 200 decisions (benches/gen_hub.py, issue 16), cold
  (no previous site), against its goal of 10 s and 1 GB.

Each figure is the median of RUNS runs (wall seconds, peak resident memory from GNU
time). The result is written to docs/performance.md (a page of docket's own
handbook) with the machine and the date. Nothing here is asserted: a figure that
misses its goal is reported as such.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import statistics
import tempfile
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
WORK = ROOT / "target" / "bench"
DOCKET = Path(os.environ.get("DOCKET_BIN", ROOT / "target" / "release" / "docket"))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, cwd=None, env=None):
    """Runs cmd under GNU time: (wall seconds, peak KB, exit code)."""
    out = WORK / "time.txt"
    full = ["/usr/bin/time", "-f", "%e %M", "-o", str(out)] + [str(c) for c in cmd]
    proc = subprocess.run(full, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    wall, kb = out.read_text().split()[-2:]
    return float(wall), int(kb), proc.returncode


def median(xs):
    return statistics.median(xs) if xs else None


def generate(name, command, base=None):
    """A corpus made once by `command` (a list; the target folder is appended), in
    `base` (default: the suite's folder)."""
    target = (base or WORK) / name
    if (target / ".complete").exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    log(f"generating {name} ...")
    subprocess.run([str(c) for c in command] + [str(target)], check=True,
                   stdout=subprocess.DEVNULL)
    (target / ".complete").write_text("")
    return target


# Past this many documents the corpus is gen_corpus.py's documents written as files
# outside git (benches/search_corpus.py): gen_corpus.py gives every document a
# commit of its own (its `--commits` is a minimum), and at 100,000 documents the
# generation alone took 2 h 26 min here. That row measures everything but history;
# the 10,000-document row measures history.
LARGE_DOCS = 10000


# Where a corpus outside git is written: not under this repository, which docket
# would take for the handbook's repository.
OUTSIDE_GIT = Path(tempfile.gettempdir()) / "docket-bench"


def corpus(docs):
    if docs > LARGE_DOCS:
        OUTSIDE_GIT.mkdir(parents=True, exist_ok=True)
        return generate(f"files-{docs}", ["python3", ROOT / "benches" / "search_corpus.py",
                                           "--docs", str(docs), "--out"], OUTSIDE_GIT)
    return generate(f"corpus-{docs}", ["python3", SHARED / "gen_corpus.py", "--docs",
                                        str(docs), "--out"])


def markdown_bytes(folder):
    return sum(p.stat().st_size for p in folder.rglob("*.md") if ".git" not in p.parts)


def forget_history(repo):
    cache = repo / ".git" / "docket" / "history.json"
    if cache.exists():
        cache.unlink()


def docket_build(repo, out, *extra):
    return timed([DOCKET, "--color", "never", "build", repo, "--out", out, "--no-branches",
                  *extra])


def measure_corpus(docs, runs, peers):
    repo = corpus(docs)
    out = WORK / f"site-{docs}"
    in_git = (repo / ".git").exists()
    row = {"docs": docs, "md_bytes": markdown_bytes(repo / "docs"), "git": in_git}
    times = {k: [] for k in ["check", "cold", "warm", "incremental", "hugo", "hugo_git",
                             "mdbook", "read", "gitlog"]}
    mem = {k: [] for k in times}
    hugo_site = None
    if peers.get("hugo"):
        hugo_site = WORK / f"hugo-{docs}"
        if not (hugo_site / ".complete").exists():
            if hugo_site.exists():
                shutil.rmtree(hugo_site)
            subprocess.run(["bash", SHARED / "peers" / "hugo.sh", repo, hugo_site], check=True,
                           stdout=subprocess.DEVNULL)
            (hugo_site / ".complete").write_text("")
    book = None
    if peers.get("mdbook"):
        book = WORK / f"mdbook-{docs}"
        if not (book / ".complete").exists():
            if book.exists():
                shutil.rmtree(book)
            subprocess.run(["bash", SHARED / "peers" / "mdbook.sh", repo, book], check=True,
                           stdout=subprocess.DEVNULL)
            (book / ".complete").write_text("")
    decision = sorted((repo / "docs" / "decisions").glob("*.md"))[len(list(
        (repo / "docs" / "decisions").glob("*.md"))) // 2]
    original = decision.read_bytes()
    for i in range(runs):
        log(f"  {docs} documents, run {i + 1}/{runs}")
        w, k, _ = timed([DOCKET, "--color", "never", "check", "--format", "json", repo])
        times["check"].append(w); mem["check"].append(k)
        if hugo_site:
            w, k, _ = timed(["hugo", "-s", hugo_site, "-d", WORK / f"hugo-out-{docs}",
                             "--quiet"])
            times["hugo"].append(w); mem["hugo"].append(k)
        forget_history(repo)
        if out.exists():
            shutil.rmtree(out)
        w, k, _ = docket_build(repo, out)
        times["cold"].append(w); mem["cold"].append(k)
        if hugo_site and in_git:
            w, k, _ = timed(["hugo", "-s", hugo_site, "-d", WORK / f"hugo-out-{docs}",
                             "--quiet", "--enableGitInfo"])
            times["hugo_git"].append(w); mem["hugo_git"].append(k)
        w, k, _ = docket_build(repo, out)
        times["warm"].append(w); mem["warm"].append(k)
        decision.write_bytes(original + f"\nEdited in run {i}.\n".encode())
        w, k, _ = docket_build(repo, out)
        decision.write_bytes(original)
        times["incremental"].append(w); mem["incremental"].append(k)
        if book:
            w, k, _ = timed(["mdbook", "build", book])
            times["mdbook"].append(w); mem["mdbook"].append(k)
        w, k, _ = timed(["sh", "-c", "find docs -type f -exec cat {} + >/dev/null"], cwd=repo)
        times["read"].append(w)
        if in_git:
            w, k, _ = timed(["git", "log", "--name-only", "--format=%H%x00%an%x00%ae%x00%aI"],
                            cwd=repo)
            times["gitlog"].append(w)
    for k in times:
        row[k] = median(times[k])
        row[k + "_mb"] = median(mem[k]) / 1024 if mem[k] else None
    timings = subprocess.run([DOCKET, "--color", "never", "build", repo, "--out", out,
                              "--no-branches", "--timings"], capture_output=True, text=True)
    row["timings"] = "\n".join(l for l in timings.stderr.splitlines()
                               if l.startswith("  ") or l.startswith("timings"))
    return row


def measure_moved(runs):
    repo = generate("moved", ["python3", SHARED / "moved_records.py"])
    out = WORK / "site-moved"
    cold, warm, floor = [], [], []
    for _ in range(runs):
        forget_history(repo)
        cold.append(docket_build(repo, out)[0])
        warm.append(docket_build(repo, out)[0])
        floor.append(timed(["git", "log", "--name-only", "--", "docs/adr", "doc/adr"],
                           cwd=repo)[0])
    return {"cold": median(cold), "warm": median(warm), "floor": median(floor)}


def measure_refs(runs):
    repo = generate("many-refs", ["python3", SHARED / "many_refs.py"])
    out = WORK / "site-refs"
    docket_build(repo, out)
    warm = [docket_build(repo, out)[0] for _ in range(runs)]
    md = markdown_bytes(repo)
    return {"warm": median(warm), "md_bytes": md, "mb_s": md / 1e6 / median(warm)}


HUB_SOURCES, HUB_DECISIONS = 500, 200


def measure_hub(runs):
    """`docket build` of a hub of HUB_SOURCES published decisions.json files of
    HUB_DECISIONS decisions each, every source with its own site; cold: no
    previous site (so neither its removal nor hard links count)."""
    hub = generate(f"hub-{HUB_SOURCES}x{HUB_DECISIONS}",
                   ["python3", ROOT / "benches" / "gen_hub.py", str(HUB_SOURCES),
                    str(HUB_DECISIONS)])
    out = WORK / "site-hub"
    walls, mems = [], []
    for _ in range(runs):
        if out.exists():
            shutil.rmtree(out)
        wall, kb, _ = timed([DOCKET, "--color", "never", "build", hub, "--out", out,
                             "--no-branches"])
        walls.append(wall)
        mems.append(kb / 1024)
    return {"sources": HUB_SOURCES, "decisions": HUB_DECISIONS,
            "wall": median(walls), "mb": max(mems)}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_serve(docs, runs):
    """Edit-to-reload: from writing a document to the server's next version and the
    edited page, fetched as the reloading browser fetches it, showing the edit."""
    repo = corpus(docs)
    port = free_port()
    proc = subprocess.Popen([DOCKET, "--color", "never", "serve", repo, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/__docket/version"

    def version():
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return int(r.read().decode().strip() or "0")
        except (OSError, ValueError):
            return None

    try:
        deadline = time.time() + 600
        while (version() or 0) < 1 and time.time() < deadline:
            time.sleep(0.05)
        decision = sorted((repo / "docs" / "decisions").glob("*.md"))[0]
        page = f"http://127.0.0.1:{port}/decisions/{decision.stem}.html"
        original = decision.read_bytes()
        results = []
        for i in range(runs):
            time.sleep(0.5)  # let the watcher settle after the previous build
            before = version() or 0
            started = time.perf_counter()
            decision.write_bytes(original + f"\nServe edit {i}.\n".encode())
            while (version() or 0) <= before and time.perf_counter() - started < 120:
                time.sleep(0.002)
            with urllib.request.urlopen(page, timeout=120) as r:
                shown = f"Serve edit {i}." in r.read().decode()
            results.append(time.perf_counter() - started)
            if not shown:
                raise SystemExit(f"serve: the reloaded page does not show edit {i}")
        decision.write_bytes(original)
        return {"docs": docs, "reload": median(results)}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}"


def s(x):
    return "—" if x is None else f"{x:.2f} s"


def mb(x):
    return "—" if x is None else f"{x:.0f} MB"


def ratio(a, b):
    return "—" if not a or not b else f"{a / b:.2f}"


def met(ok):
    return "—" if ok is None else ("met" if ok else "**not met**")


def load_average():
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "?"


LOAD_AT_START = load_average()


def report(rows, moved, refs, serve, version, notes, hub, today, loads):
    lines = ["---", "title: Performance", "---", "", "# Performance", "",
             f"Measured on {today} on {machine()} with {version}, by "
             "`benches/run.sh` (one command; see [the suite](#how-to-reproduce)). "
             "Every figure is a median of alternating runs; memory is peak resident "
             "memory. Nothing in the test suite asserts a time: these are "
             "measurements, and a goal not met says so. Load average when the run "
             f"started: {loads[0]}; at its end: {loads[1]}.", ""]
    ten = next((r for r in rows if r["docs"] == 10000), rows[-1] if rows else None)
    if ten:
        lines += [f"## Goals ({ten['docs']:,} decisions, generated corpus)", "",
                  "| | docket | peer | ratio | goal | |", "|---|---|---|---|---|---|"]
        warm_ok = ten["hugo"] and ten["warm"] / ten["hugo"] <= 0.15
        cold_ok = ten["hugo_git"] and ten["cold"] / ten["hugo_git"] <= 0.5
        check_ok = ten["check"] <= 0.25 and ten["check"] <= 1.3 * max(ten["read"], 1e-9)
        mem_ok = ten["hugo_mb"] and max(ten["cold_mb"], ten["warm_mb"]) / ten["hugo_mb"] <= 0.25
        peak = max(ten["cold_mb"], ten["warm_mb"])
        lines += [
            f"| build, history cache warm | {s(ten['warm'])} | {s(ten['hugo'])} (Hugo, no git info) | {ratio(ten['warm'], ten['hugo'])} | ≤ 0.15 | {met(warm_ok if ten['hugo'] else None)} |",
            f"| build, cold | {s(ten['cold'])} | {s(ten['hugo_git'])} (Hugo `--enableGitInfo`) | {ratio(ten['cold'], ten['hugo_git'])} | ≤ 0.5 | {met(cold_ok if ten['hugo_git'] else None)} |",
            f"| `check` | {s(ten['check'])} | {s(ten['read'])} (reading every file) | {ratio(ten['check'], ten['read'])} | ≤ 0.25 s and ≤ 1.3 × reading | {met(check_ok)} |",
            f"| peak memory | {mb(peak)} | {mb(ten['hugo_mb'])} (Hugo) | {ratio(peak, ten['hugo_mb'])} | ≤ 0.25 | {met(mem_ok if ten['hugo_mb'] else None)} |",
            f"| incremental build (one decision edited) | {s(ten['incremental'])} | | | | |",
            "",
        ]
    lines += ["## By corpus size", "",
              "| documents | Markdown | check | build cold | build warm | incremental | peak memory | memory per document | Hugo | Hugo + git | mdBook | read all | git log |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        peak = max(r["cold_mb"], r["warm_mb"])
        where = "" if r.get("git", True) else " (files, no git)"
        lines.append(
            f"| {r['docs']:,}{where} | {r['md_bytes'] / 1e6:.0f} MB | {s(r['check'])} | {s(r['cold'])} | "
            f"{s(r['warm'])} | {s(r['incremental'])} | {mb(peak)} | {peak * 1024 / r['docs']:.0f} KB | "
            f"{s(r['hugo'])} | {s(r['hugo_git'])} | {s(r['mdbook'])} | {s(r['read'])} | {s(r['gitlog'])} |")
    lines.append("")
    if len(rows) > 1:
        per = [max(r["cold_mb"], r["warm_mb"]) / r["docs"] for r in rows]
        grows = all(b <= a * 1.05 for a, b in zip(per, per[1:]))
        lines += [f"Peak memory per document from {rows[0]['docs']:,} to {rows[-1]['docs']:,} "
                  f"documents: {' → '.join(f'{p * 1024:.0f} KB' for p in per)}. Goal: peak memory "
                  f"grows no faster than the corpus: {met(grows).lower()}.", ""]
    if moved:
        budget = 2 * moved["floor"] + 0.1
        extra = moved["cold"] - moved["warm"]
        lines += ["## Records moved between folders", "",
                  "`moved_records.py`: 6,000 commits, restructurings of 400 files, records "
                  "moved from `doc/adr` to `docs/adr`. Goal: the cold build costs at most "
                  "2 × `git log --name-only -- docs/adr doc/adr` + 0.1 s more than the warm one.", "",
                  "| cold | warm | cold − warm | git log floor | budget | |", "|---|---|---|---|---|---|",
                  f"| {s(moved['cold'])} | {s(moved['warm'])} | {s(extra)} | {s(moved['floor'])} | {s(budget)} | {met(extra <= budget)} |", ""]
    if refs and ten:
        base = ten["md_bytes"] / 1e6 / ten["warm"]
        lines += ["## Many broken references", "",
                  "`many_refs.py`: 600 records of 20 KB with 6,000 broken links. Goal: a warm "
                  "build reads at least half the megabytes per second it reads on the "
                  "generated corpus.", "",
                  "| many refs, warm | MB/s | generated corpus MB/s | ratio | |", "|---|---|---|---|---|",
                  f"| {s(refs['warm'])} | {refs['mb_s']:.1f} | {base:.1f} | {refs['mb_s'] / base:.2f} | {met(refs['mb_s'] >= base / 2)} |", ""]
    if serve:
        lines += ["## `docket serve`", "",
                  f"Edit-to-reload at {serve['docs']:,} documents (from writing one decision to "
                  "the server's next version and the decision's page, fetched again, showing "
                  "the edit; an open page is told of the new version at once, by its long poll). "
                  "Goal: under 200 ms.", "",
                  "| edit to reload | |", "|---|---|",
                  f"| {serve['reload'] * 1000:.0f} ms | {met(serve['reload'] < 0.2)} |", ""]
    if hub:
        ok = hub["wall"] < 10 and hub["mb"] < 1024
        lines += ["## Hub", "",
                  f"`benches/gen_hub.py {hub['sources']} {hub['decisions']}`: a hub of "
                  f"{hub['sources']} published `decisions.json` files of {hub['decisions']} "
                  "decisions each, every source with its own site; `docket build`, no "
                  "previous site. Goal: under 10 s and under 1 GB.", "",
                  "| records | build | peak memory | |", "|---|---|---|---|",
                  f"| {hub['sources'] * hub['decisions']:,} | {s(hub['wall'])} | {mb(hub['mb'])} | {met(ok)} |", ""]
    if ten and ten.get("timings"):
        lines += ["## Where a warm build's time goes", "",
                  f"`docket build --timings` on {ten['docs']:,} documents:", "", "```text",
                  ten["timings"], "```", ""]
    if notes:
        lines += ["## Notes", "", notes.strip(), ""]
    lines += ["## How to reproduce", "",
              "```sh", "benches/run.sh                 # 1,000, 10,000 and 100,000 documents",
              "DOCS=\"1000 10000\" RUNS=3 benches/run.sh",
              "REPORT_ONLY=1 benches/run.sh   # this page again from the last run, with the current notes",
              "```", "",
              "It needs `../shared/bench` beside the repository, Python 3 and GNU time; "
              "Hugo (`apt-get install hugo`) and mdBook are measured when installed. "
              "Corpora are generated once into `target/bench` (the 100,000 documents, "
              "outside git, into the system's temporary folder: under this repository "
              "docket would take them for part of it). A warm build reuses the pages of "
              "the build before it (decision 0013); the cold build has no previous site.", ""]
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", default=os.environ.get("DOCS", "1000 10000 100000"))
    p.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "3")))
    p.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    p.add_argument("--notes", default=os.environ.get(
        "NOTES_FILE", str(ROOT / "benches" / "performance-notes.md")))
    p.add_argument("--skip", default=os.environ.get("SKIP", ""),
                   help="parts to skip: moved, refs, serve, hub")
    a = p.parse_args()
    if not SHARED.exists():
        log(f"benches: {SHARED} not found; the suite needs ../shared beside the repository")
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    saved = WORK / "last-run.json"
    if os.environ.get("REPORT_ONLY"):
        # The table again from the last run's figures, with the current notes.
        data = json.loads(saved.read_text())
        notes = Path(a.notes).read_text() if a.notes else ""
        Path(a.out).write_text(report(data["rows"], data["moved"], data["refs"], data["serve"],
                                      data["version"], notes, data["hub"],
                                      data["date"], data["loads"]))
        log(f"wrote {a.out} from {saved}")
        return 0
    peers = {"hugo": shutil.which("hugo"), "mdbook": shutil.which("mdbook")}
    rows = []
    for docs in [int(d) for d in a.docs.split()]:
        # The largest corpus takes minutes a run: one run of it, unless RUNS_LARGE.
        runs = a.runs if docs < 100000 else int(os.environ.get("RUNS_LARGE", "1"))
        rows.append(measure_corpus(docs, runs, peers))
        log(json.dumps({k: v for k, v in rows[-1].items() if k != "timings"}))
    skip = a.skip.split(",")
    moved = None if "moved" in skip else measure_moved(a.runs)
    refs = None if "refs" in skip else measure_refs(a.runs)
    serve = None if "serve" in skip else measure_serve(10000, a.runs)
    hub = None if "hub" in skip else measure_hub(a.runs)
    version = subprocess.run([DOCKET, "--version"], capture_output=True, text=True).stdout.strip()
    notes = Path(a.notes).read_text() if a.notes else ""
    date, loads = datetime.date.today().isoformat(), (LOAD_AT_START, load_average())
    saved.write_text(json.dumps({"rows": rows, "moved": moved, "refs": refs, "serve": serve,
                                 "version": version, "hub": hub, "date": date,
                                 "loads": loads}))
    Path(a.out).write_text(report(rows, moved, refs, serve, version, notes, hub, date, loads))
    log(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
