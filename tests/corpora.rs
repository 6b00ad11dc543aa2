//! Real decision records (`../shared/corpora/`, beside this repository): adr-tools'
//! own records, MADR's and log4brains'. Each corpus is copied into a temporary git
//! repository (never into the project) and docket must:
//!
//! - read every file without a panic (`check --format json` exits 0 or 1);
//! - recognise each decision record with its title, status and date where the file
//!   has them (the snapshots `corpora__recognised_*` list what was recognised);
//! - show adr-tools and MADR records in the built site's decision index, unchanged;
//! - `import` them keeping every body line, a second `import` changing nothing, and
//!   `check` afterwards finding no `front-matter-syntax` and no `missing-field` for a
//!   field the original had (the snapshots `corpora__remaining_*` list what is left).
//!
//! A fresh clone without `../shared` skips these tests; CI sets
//! `DOCKET_REQUIRE_SHARED=1` so that a missing folder fails instead.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{Diag, Repo, listing, shared};

/// One corpus: its folder under `../shared/corpora`, the decision folder inside it,
/// and a name for snapshots.
struct Corpus {
    name: &'static str,
    dir: &'static str,
    decisions: &'static str,
}

const CORPORA: &[Corpus] = &[
    Corpus {
        name: "adr_tools",
        dir: "npryce__adr-tools",
        decisions: "doc/adr",
    },
    Corpus {
        name: "madr",
        dir: "adr__madr",
        decisions: "docs/decisions",
    },
    // MADR's templates folder holds one record without front matter beside the
    // templates (which are not decisions).
    Corpus {
        name: "madr_template",
        dir: "adr__madr",
        decisions: "template",
    },
    Corpus {
        name: "log4brains",
        dir: "thomvaill__log4brains",
        decisions: "docs/adr",
    },
];

/// Every file under `dir`, as (`/`-separated relative path, bytes), sorted.
fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == ".git") {
                    continue;
                }
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A temporary git repository holding a copy of the corpus and a docket.toml that
/// makes the whole corpus the handbook and `c.decisions` its decision folder.
fn repo_of(shared: &Path, c: &Corpus) -> Repo {
    let repo = Repo::new();
    for (rel, bytes) in files_of(&shared.join(c.dir)) {
        repo.write(&rel, bytes);
    }
    repo.write(
        "docket.toml",
        format!(
            "root = \".\"\n[kinds.decision]\npath = \"{}\"\n",
            c.decisions
        ),
    );
    repo.commit("corpus");
    repo
}

/// Whether a file of a decision folder is a record (not an index page or template).
fn is_record(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    name.ends_with(".md")
        && !matches!(name.as_str(), "readme.md" | "index.md" | "template.md")
        && !name.starts_with("adr-template")
}

/// `docket build` into a folder beside the repository; returns `decisions.json`.
fn build(repo: &Repo) -> serde_json::Value {
    let out = repo.outside("site");
    let _ = std::fs::remove_dir_all(&out);
    repo.docket()
        .args(["build", "--no-branches", "--out"])
        .args([out.to_string_lossy().as_ref()])
        .run()
        .assert_code(0);
    serde_json::from_slice(&std::fs::read(out.join("decisions.json")).unwrap()).unwrap()
}

fn site_page(repo: &Repo, page: &str) -> String {
    std::fs::read_to_string(repo.outside("site").join(page)).unwrap()
}

/// One line per recognised decision: file, id, title, status, date, supersession.
fn recognised(json: &serde_json::Value) -> String {
    let mut out = String::new();
    for d in json["decisions"].as_array().unwrap() {
        let s = |k: &str| match &d[k] {
            serde_json::Value::Null => "-".to_string(),
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let supersedes: Vec<String> = d["supersedes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        out.push_str(&format!(
            "{}\n  id: {}\n  title: {}\n  status: {}\n  date: {}\n  supersedes: [{}]\n  superseded_by: {}\n",
            s("path"),
            s("id"),
            s("title"),
            s("status"),
            s("date"),
            supersedes.join(", "),
            s("superseded_by"),
        ));
    }
    out
}

fn check(repo: &Repo) -> Vec<Diag> {
    let run = repo.check_json(&[]);
    assert!(
        matches!(run.code, Some(0 | 1)),
        "check could not run on the corpus\n{run}"
    );
    run.diagnostics()
}

#[test]
fn every_file_is_read_and_every_record_recognised() {
    let Some(shared) = shared("corpora") else {
        return;
    };
    for c in CORPORA {
        let repo = repo_of(&shared, c);
        let diags = check(&repo);
        // Nothing is too broken to read.
        let syntax: Vec<&Diag> = diags
            .iter()
            .filter(|d| matches!(d.rule.as_str(), "front-matter-syntax" | "unreadable-file"))
            .collect();
        assert!(syntax.is_empty(), "{}: {syntax:?}", c.name);
        let json = build(&repo);
        let listed: BTreeSet<String> = json["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect();
        let records: BTreeSet<String> = files_of(&shared.join(c.dir))
            .into_iter()
            .map(|(rel, _)| rel)
            .filter(|rel| rel.starts_with(&format!("{}/", c.decisions)) && is_record(rel))
            .collect();
        assert_eq!(listed, records, "{}: every record is a decision", c.name);
        for d in json["decisions"].as_array().unwrap() {
            let path = d["path"].as_str().unwrap();
            let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
            let title = d["title"].as_str().unwrap();
            let stem = path.rsplit('/').next().unwrap().trim_end_matches(".md");
            assert_ne!(title, stem, "{path}: the title comes from the record");
            assert!(!title.starts_with(char::is_numeric), "{path}: `{title}`");
            // A status or a date the file states (outside code blocks) is recognised.
            let lower = without_code_blocks(&text).to_lowercase();
            if lower.contains("\nstatus:")
                || lower.contains("## status")
                || lower.contains("- status:")
            {
                assert!(!d["status"].is_null(), "{path}: status not recognised");
            }
            if lower.contains("\ndate:") || lower.contains("- date:") {
                assert!(!d["date"].is_null(), "{path}: date not recognised");
            }
        }
        insta::assert_snapshot!(format!("recognised_{}", c.name), recognised(&json));
    }
}

#[test]
fn adr_tools_and_madr_records_are_in_the_site_index_unchanged() {
    let Some(shared) = shared("corpora") else {
        return;
    };
    for c in CORPORA {
        let repo = repo_of(&shared, c);
        let before = files_of(repo.path());
        let json = build(&repo);
        let index = site_page(&repo, "decisions/index.html");
        for d in json["decisions"].as_array().unwrap() {
            let escaped = d["title"]
                .as_str()
                .unwrap()
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;");
            let url = d["url"].as_str().unwrap();
            assert!(
                index.contains(&format!("href=\"../{url}\">{escaped}</a>")),
                "{}: `{escaped}` linked in the index",
                c.name
            );
            if let Some(status) = d["status"].as_str() {
                assert!(
                    index.contains(&format!(">{status}</span>")),
                    "{}: status `{status}` in the index",
                    c.name
                );
            }
            if let Some(date) = d["date"].as_str() {
                assert!(
                    index.contains(&format!("<time datetime=\"{date}\">{date}</time>")),
                    "{}: date `{date}` in the index",
                    c.name
                );
            }
            // Supersession links on the record's page point at the other record.
            let page = site_page(&repo, url);
            // The metadata an existing format restates in its body (adr-tools'
            // `Date:` line and `## Status` section) is in the page's header, once.
            assert!(
                !page.contains("<p>Date: "),
                "{url}: the `Date:` line is not repeated in the body"
            );
            assert!(
                !page.contains(">Status</h2>"),
                "{url}: the `## Status` section is not repeated in the body"
            );
            if let Some(by) = d["superseded_by"].as_str() {
                assert!(
                    page.contains(&format!("{by}.html")),
                    "{url}: link to its successor `{by}`"
                );
            }
            for s in d["supersedes"].as_array().unwrap() {
                let s = s.as_str().unwrap();
                assert!(page.contains(&format!("{s}.html")), "{url}: link to `{s}`");
            }
        }
        // Reading and building changed no file.
        let mut after = files_of(repo.path());
        after.retain(|(p, _)| !p.starts_with(".git/"));
        let mut before = before;
        before.retain(|(p, _)| !p.starts_with(".git/"));
        assert_eq!(before, after, "{}: files unchanged", c.name);
    }
}

/// `text` without its fenced code blocks (examples of other records' syntax).
fn without_code_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The fields (docket keys) a record has, from `decisions.json`.
fn fields_of(d: &serde_json::Value) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    for key in [
        "title",
        "status",
        "owner",
        "date",
        "decided",
        "superseded_by",
    ] {
        if !d[key].is_null() {
            out.insert(key);
        }
    }
    if !d["supersedes"].as_array().unwrap().is_empty() {
        out.insert("supersedes");
    }
    out
}

/// The front matter of a text (between the first two `---` lines) and its body.
fn split(text: &str) -> (String, String) {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return (rest[..end].to_string(), rest[end + 5..].to_string());
    }
    (String::new(), text.to_string())
}

/// Whether an original line that is no longer in the body moved into `front`.
fn moved_into(line: &str, front: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    let label = lower
        .trim_start_matches(['-', '*', '+'])
        .trim_start()
        .trim_start_matches("**");
    if lower == "## status" {
        return front.contains("\nstatus: ") || front.starts_with("status: ");
    }
    if let Some((key, value)) = label.split_once(':') {
        let value = value.trim().trim_start_matches("**").trim();
        let key = key.trim_end_matches("**");
        if matches!(key, "date" | "status" | "deciders" | "tags") {
            let first_word = value.split_whitespace().next().unwrap_or("");
            return front.to_lowercase().contains(first_word);
        }
    }
    // A status word, or a supersession line whose target is in the front matter.
    if let Some(dest) = t.split("](").nth(1).and_then(|r| r.split(')').next()) {
        return front.contains(dest);
    }
    front.to_lowercase().contains(&format!("status: {lower}"))
}

#[test]
fn import_keeps_every_line_is_idempotent_and_leaves_only_what_was_missing() {
    let Some(shared) = shared("corpora") else {
        return;
    };
    for c in CORPORA {
        let repo = repo_of(&shared, c);
        let originals: BTreeMap<String, String> = files_of(repo.path())
            .into_iter()
            .filter(|(p, _)| p.starts_with(&format!("{}/", c.decisions)) && is_record(p))
            .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
            .collect();
        let had: BTreeMap<String, BTreeSet<&str>> = build(&repo)["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["path"].as_str().unwrap().to_string(), fields_of(d)))
            .collect();
        let before_import: BTreeSet<(String, String)> = check(&repo)
            .into_iter()
            .filter(|d| d.rule == "missing-field")
            .map(|d| (d.file, missing_key(&d.message)))
            .collect();

        let run = repo.docket().args(["import"]).run();
        run.assert_code(0);
        assert_eq!(
            run.stdout
                .lines()
                .filter(|l| l.starts_with("imported "))
                .count(),
            originals.len(),
            "{}: every record is imported\n{run}",
            c.name
        );

        // Every line of the original is still there, in order, unless its content
        // moved into the front matter.
        for (path, original) in &originals {
            let now = std::fs::read_to_string(repo.path().join(path)).unwrap();
            let (front, body) = split(&now);
            let (old_front, old_body) = split(original);
            let body_lines: Vec<&str> = body.lines().collect();
            let mut at = 0;
            for line in old_body.lines().filter(|l| !l.trim().is_empty()) {
                match body_lines[at..].iter().position(|l| *l == line) {
                    Some(i) => at += i + 1,
                    None => assert!(
                        moved_into(line, &front),
                        "{path}: line `{line}` is neither kept nor in the front matter:\n{now}"
                    ),
                }
            }
            // MADR's own keys are kept or became docket's.
            for line in old_front.lines() {
                let key = line.split(':').next().unwrap_or("");
                assert!(
                    front.lines().any(|l| l == line) || front.contains(&format!("{key}:")),
                    "{path}: front-matter line `{line}` lost:\n{now}"
                );
            }
        }

        // A second import is a no-op, byte for byte.
        let snapshot = files_of(repo.path());
        let again = repo.docket().args(["import"]).run();
        again.assert_code(0);
        assert!(!again.stdout.contains("imported "), "{}\n{again}", c.name);
        assert_eq!(snapshot, files_of(repo.path()), "{}: second import", c.name);

        // What `check` still finds: nothing about syntax, and no missing field the
        // original had (nor one it did not miss before).
        let diags = check(&repo);
        let syntax: Vec<&Diag> = diags
            .iter()
            .filter(|d| d.rule == "front-matter-syntax")
            .collect();
        assert!(syntax.is_empty(), "{}: {syntax:?}", c.name);
        for d in diags.iter().filter(|d| d.rule == "missing-field") {
            let key = missing_key(&d.message);
            let original = had.get(&d.file).cloned().unwrap_or_default();
            assert!(
                !original.contains(key.as_str()),
                "{}: `{key}` was in the original\n{}",
                d.file,
                listing(&diags)
            );
            assert!(
                before_import.contains(&(d.file.clone(), key.clone())),
                "{}: `{key}` is missing only after the import\n{}",
                d.file,
                listing(&diags)
            );
        }
        insta::assert_snapshot!(format!("remaining_{}", c.name), remaining(&diags));
    }
}

/// The key a `missing-field` message names (`options` for "missing options").
fn missing_key(message: &str) -> String {
    if message.starts_with("missing options") {
        return "options".into();
    }
    message.split('`').nth(1).unwrap_or(message).to_string()
}

/// What is left after the import, per rule: how many errors and warnings, and each
/// distinct message once (file names dropped).
fn remaining(diags: &[Diag]) -> String {
    let mut by_rule: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.severity != "info") {
        let message = d
            .message
            .split("; ")
            .next()
            .unwrap_or(&d.message)
            .to_string();
        *by_rule
            .entry(d.rule.as_str())
            .or_default()
            .entry(message)
            .or_default() += 1;
    }
    let mut out = String::new();
    for (rule, messages) in by_rule {
        let n: usize = messages.values().sum();
        out.push_str(&format!("{rule}: {n}\n"));
        for (m, k) in messages {
            out.push_str(&format!("  {k} × {m}\n"));
        }
    }
    out
}
