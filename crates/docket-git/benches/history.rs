//! The history pass on a generated corpus, cold (no cache) and warm (cache hit), next
//! to its floor, `git log --name-only` over the same repository.
//!
//! ```sh
//! python3 ../shared/bench/gen_corpus.py --docs 10000 --commits 20000 --out /tmp/c10k
//! DOCKET_BENCH_REPO=/tmp/c10k cargo bench -p docket-git --bench history
//! ```
//! (`benches/history.sh` does both.) Without `DOCKET_BENCH_REPO` it says so and exits.
//! `DOCKET_BENCH_DECISIONS` names the decision folder (`docs/decisions` by default;
//! `docs/adr` for the repository of `moved_records.py`), and `DOCKET_BENCH_FLOOR` the
//! paths `git log` is limited to for the floor (all of history by default).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::disallowed_methods
)]

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let Some(repo) = std::env::var_os("DOCKET_BENCH_REPO").map(PathBuf::from) else {
        println!("skipped: set DOCKET_BENCH_REPO to a repository made by gen_corpus.py");
        return;
    };
    let git = match docket_git::open(&repo) {
        docket_git::Opened::Repo(git) => git,
        docket_git::Opened::NotGit => panic!("{} is not a git repository", repo.display()),
        docket_git::Opened::Unreadable(why) => panic!("{}: {why}", repo.display()),
    };
    let cache = repo.join(".git/docket");
    let folder = std::env::var("DOCKET_BENCH_DECISIONS").unwrap_or("docs/decisions".into());
    let decisions: std::collections::BTreeSet<String> = std::fs::read_dir(repo.join(&folder))
        .expect("the decision folder")
        .filter_map(Result::ok)
        .map(|e| format!("{folder}/{}", e.file_name().to_string_lossy()))
        .collect();
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut files = 0;
    let mut walked = 0;
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&cache);
        let t = Instant::now();
        let (h, stats) = git.history_with_stats("docs", &decisions).expect("history");
        cold.push(t.elapsed().as_secs_f64());
        files = h.files.len();
        walked = stats.commits_walked;
        let t = Instant::now();
        let h2 = git.history("docs", &decisions).expect("history");
        warm.push(t.elapsed().as_secs_f64());
        assert_eq!(h, h2, "the cache gives the same history");
    }
    let t = Instant::now();
    let floor_paths = std::env::var("DOCKET_BENCH_FLOOR").unwrap_or_default();
    let out = std::process::Command::new("git")
        .args([
            "log",
            "--name-only",
            "--format=%H%x00%an%x00%ae%x00%aI",
            "--",
        ])
        .args(floor_paths.split_whitespace())
        .current_dir(&repo)
        .output()
        .expect("git log");
    let floor = t.elapsed().as_secs_f64();
    assert!(out.status.success());
    let best = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
    println!("history of {files} files, {walked} commits walked");
    println!("cold: best {:.2} s of {cold:.2?}", best(&cold));
    println!("warm (cache hit): best {:.1} ms", best(&warm) * 1000.0);
    println!(
        "floor (git log --name-only -- {floor_paths}): {floor:.2} s; cold / floor = {:.2}",
        best(&cold) / floor
    );
}
