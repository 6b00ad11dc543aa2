//! Hostile inputs: files that try to crash, hang or fool `docket check`. The project
//! keeps its own cases (`tests/fixtures/hostile/`, or bytes written here), so a fresh
//! clone tests them without `../shared` (see `adversarial.rs` for the shared set).
//!
//! Every case runs in its own repository beside a valid roster and charter, so each
//! finding belongs to the case; then all of them run together, because one bad file
//! must never hide the findings of the others (SPEC §4). Every run must end within
//! its deadline and never panic ([`common::Docket::run`] checks both).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Diag, Repo, assert_diag, assert_no_diag, listing, of_file};

/// How long one case may take. The debug binary handles each in well under a second;
/// a hang or exponential blow-up fails instead of blocking the test run.
const DEADLINE: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// One hostile input: the files it writes, whether the run must fail, and what must
/// be reported.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    /// Whether the case alone makes `docket check` exit 1.
    errors: bool,
    expect: fn(&[Diag]),
}

/// Panics unless `file` has exactly one finding: a broken front matter is one
/// mistake, reported once (the other rules skip the document).
#[track_caller]
fn assert_single<'a>(diags: &'a [Diag], file: &str) -> &'a Diag {
    let found = of_file(diags, file);
    assert_eq!(
        found.len(),
        1,
        "{file} should have exactly one finding; all diagnostics:\n{}",
        listing(diags)
    );
    found[0]
}

/// Panics unless `file`'s only finding is `front-matter-syntax` at `line`.
#[track_caller]
fn assert_syntax_at(diags: &[Diag], file: &str, line: u64) {
    let d = assert_single(diags, file);
    assert_eq!(
        (d.rule.as_str(), d.line),
        ("front-matter-syntax", line),
        "{file}: expected `front-matter-syntax` at line {line}, got {d}"
    );
    assert_eq!(d.severity, "error", "{d}");
}

const UNICODE_NAME: &str = "docs/decisions/0022-naïve café — décision.md";
const UNICODE_FLAWED: &str = "docs/decisions/0024-überprüfung ✓.md";

fn cases() -> Vec<Case> {
    // 5000 opening brackets, each closed: valid YAML that would overflow a recursive
    // parser's stack.
    let deep = format!(
        "---\ntitle: Deep\nstatus: proposed\nowner: alice\ndate: 2026-11-20\ntags: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    // 5000 unclosed braces.
    let deep_unclosed = format!(
        "---\ntitle: Deeper\nstatus: proposed\nowner: alice\ntags: {}\ndate: 2026-11-20\n---\n",
        "{a: ".repeat(5000)
    );
    // A 2 MB value on line 3, where it is also wrong.
    let long_value = format!(
        "---\ntitle: Long\nstatus: {}\nowner: alice\ndate: 2026-11-20\ndeadline: 2026-12-31\n---\n",
        "x".repeat(2 * 1024 * 1024)
    );
    // A 2 MB body line that ends with a broken link.
    let long_body = format!(
        "\
---
title: Long body
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---

{}[the plan](0099-missing-plan.md)
",
        "word ".repeat(400_000)
    );
    vec![
        Case {
            name: "alias bomb",
            files: vec![(
                "docs/decisions/0001-alias-bomb.md",
                fixture("alias-bomb.md"),
            )],
            errors: true,
            expect: |diags| {
                let file = "docs/decisions/0001-alias-bomb.md";
                let d = assert_single(diags, file);
                assert!(
                    d.rule == "front-matter-syntax" || d.rule == "invalid-value",
                    "an alias bomb is a syntax or value error: {d}"
                );
                // Somewhere in the front matter, not at a made-up place.
                assert!((2..=16).contains(&d.line), "{d}");
            },
        },
        Case {
            name: "deep nesting",
            files: vec![
                ("docs/decisions/0002-deep-nesting.md", deep.into_bytes()),
                (
                    "docs/decisions/0025-deep-unclosed.md",
                    deep_unclosed.into_bytes(),
                ),
            ],
            errors: true,
            expect: |diags| {
                // The nesting is on line 6 and line 5; the error points at that line.
                let d = assert_single(diags, "docs/decisions/0002-deep-nesting.md");
                assert_eq!((d.rule.as_str(), d.line), ("front-matter-syntax", 6), "{d}");
                let d = assert_single(diags, "docs/decisions/0025-deep-unclosed.md");
                assert_eq!((d.rule.as_str(), d.line), ("front-matter-syntax", 5), "{d}");
            },
        },
        Case {
            name: "not UTF-8",
            files: vec![
                (
                    "docs/decisions/0003-not-utf8.md",
                    b"\
---
title: caf\xe9 cr\xe8me
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---
"
                    .to_vec(),
                ),
                (
                    "docs/decisions/0026-not-utf8-body.md",
                    b"\
---
title: Latin-1 body
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---

# Caf\xe9
"
                    .to_vec(),
                ),
            ],
            errors: true,
            expect: |diags| {
                for (file, line) in [
                    ("docs/decisions/0003-not-utf8.md", 2),
                    ("docs/decisions/0026-not-utf8-body.md", 9),
                ] {
                    let found = of_file(diags, file);
                    let d = found
                        .iter()
                        .find(|d| d.message.contains("UTF-8"))
                        .unwrap_or_else(|| {
                            panic!("no finding says {file} is not UTF-8:\n{}", listing(diags))
                        });
                    assert_eq!(
                        d.line, line,
                        "the finding points at the first bad byte: {d}"
                    );
                    assert_eq!(d.severity, "error", "{d}");
                }
            },
        },
        Case {
            name: "BOM and CRLF",
            files: vec![
                ("docs/decisions/0004-bom-crlf.md", fixture("bom-crlf.md")),
                (
                    "docs/decisions/0027-bom-crlf-flawed.md",
                    fixture("bom-crlf-flawed.md"),
                ),
            ],
            errors: true,
            expect: |diags| {
                // A valid file saved on Windows is a valid file.
                assert_no_diag(diags, "docs/decisions/0004-bom-crlf.md");
                // Line and column count CRLF lines as lines, and the BOM is no column.
                let file = "docs/decisions/0027-bom-crlf-flawed.md";
                let d = assert_diag(diags, "invalid-value", file, 3);
                assert_eq!(d.column, 9, "{d}");
                let d = assert_diag(diags, "unknown-field", file, 7);
                assert_eq!(d.column, 1, "{d}");
                assert_eq!(of_file(diags, file).len(), 2, "{}", listing(diags));
            },
        },
        Case {
            name: "unterminated front matter",
            files: vec![(
                "docs/decisions/0005-unterminated.md",
                fixture("unterminated.md"),
            )],
            errors: true,
            expect: |diags| assert_syntax_at(diags, "docs/decisions/0005-unterminated.md", 1),
        },
        Case {
            name: "front matter is a list",
            files: vec![(
                "docs/decisions/0006-front-matter-list.md",
                fixture("front-matter-list.md"),
            )],
            errors: true,
            expect: |diags| assert_syntax_at(diags, "docs/decisions/0006-front-matter-list.md", 2),
        },
        Case {
            name: "front matter is a scalar",
            files: vec![(
                "docs/decisions/0007-front-matter-scalar.md",
                fixture("front-matter-scalar.md"),
            )],
            errors: true,
            expect: |diags| {
                assert_syntax_at(diags, "docs/decisions/0007-front-matter-scalar.md", 2)
            },
        },
        Case {
            name: "empty file",
            files: vec![
                ("docs/decisions/0008-empty.md", fixture("empty.md")),
                ("docs/guide/empty.md", fixture("empty.md")),
            ],
            errors: true,
            expect: |diags| {
                // An empty decision lacks everything; it is reported at line 1.
                let found = of_file(diags, "docs/decisions/0008-empty.md");
                assert!(
                    !found.is_empty(),
                    "an empty decision is reported:\n{}",
                    listing(diags)
                );
                assert!(found.iter().all(|d| d.line == 1), "{}", listing(diags));
                // An empty free page is just an empty page.
                assert_no_diag(diags, "docs/guide/empty.md");
            },
        },
        Case {
            name: "only ---",
            files: vec![(
                "docs/decisions/0009-only-dashes.md",
                fixture("only-dashes.md"),
            )],
            errors: true,
            expect: |diags| assert_syntax_at(diags, "docs/decisions/0009-only-dashes.md", 1),
        },
        Case {
            name: "duplicate keys",
            files: vec![(
                "docs/decisions/0010-duplicate-keys.md",
                fixture("duplicate-keys.md"),
            )],
            errors: true,
            expect: |diags| {
                // The second `owner` (line 6), not the first (line 4).
                let d = assert_single(diags, "docs/decisions/0010-duplicate-keys.md");
                assert_eq!(d.line, 6, "{d}");
                assert!(
                    d.message.contains("owner"),
                    "the message names the key: {d}"
                );
            },
        },
        Case {
            name: "wrong types",
            files: vec![(
                "docs/decisions/0011-wrong-types.md",
                fixture("wrong-types.md"),
            )],
            errors: true,
            expect: |diags| {
                let file = "docs/decisions/0011-wrong-types.md";
                let found = of_file(diags, file);
                // title, status, owner, date, deadline, options: one finding each.
                for line in 2..=7 {
                    let at: Vec<Diag> = found
                        .iter()
                        .filter(|d| d.line == line)
                        .map(|d| (*d).clone())
                        .collect();
                    assert_eq!(
                        at.len(),
                        1,
                        "one finding for the wrong key on line {line}; the file has:\n{}",
                        listing(&found.iter().map(|d| (*d).clone()).collect::<Vec<_>>())
                    );
                    assert_eq!(at[0].rule, "invalid-value", "{}", at[0]);
                }
                // A key written with the wrong type is not also "missing".
                assert_eq!(found.len(), 6, "{}", listing(diags));
            },
        },
        Case {
            name: "NUL bytes",
            files: vec![(
                "docs/decisions/0012-nul-bytes.md",
                b"\
---
title: nul\0byte
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---
# nul \0\0
"
                .to_vec(),
            )],
            errors: true,
            expect: |diags| {
                let d = assert_single(diags, "docs/decisions/0012-nul-bytes.md");
                assert_eq!((d.line, d.severity.as_str()), (2, "error"), "{d}");
            },
        },
        Case {
            name: "tabs",
            files: vec![("docs/decisions/0020-tabs.md", fixture("tabs.md"))],
            errors: true,
            expect: |diags| assert_syntax_at(diags, "docs/decisions/0020-tabs.md", 4),
        },
        Case {
            name: "2 MB line",
            files: vec![
                ("docs/decisions/0021-long-value.md", long_value.into_bytes()),
                ("docs/decisions/0028-long-body.md", long_body.into_bytes()),
            ],
            errors: true,
            expect: |diags| {
                let d = assert_diag(
                    diags,
                    "invalid-value",
                    "docs/decisions/0021-long-value.md",
                    3,
                );
                assert!(
                    d.message.len() < 2000,
                    "the message does not carry the 2 MB value ({} bytes)",
                    d.message.len()
                );
                let d = assert_diag(
                    diags,
                    "broken-reference",
                    "docs/decisions/0028-long-body.md",
                    9,
                );
                assert_eq!(d.column, 2_000_001 + "[the plan](".len() as u64, "{d}");
            },
        },
        Case {
            name: "unicode file name",
            files: vec![
                (UNICODE_NAME, fixture("unicode-name.md")),
                (UNICODE_FLAWED, fixture("unicode-name-flawed.md")),
            ],
            errors: true,
            expect: |diags| {
                assert_no_diag(diags, UNICODE_NAME);
                // The path comes back exactly as written, not escaped or mangled.
                let d = assert_diag(diags, "unknown-owner", UNICODE_FLAWED, 4);
                assert!(d.message.contains("ålice"), "{d}");
            },
        },
        Case {
            name: "decision file name without a number",
            files: vec![(
                "docs/decisions/notes without number.md",
                fixture("no-number.md"),
            )],
            errors: true,
            expect: |diags| {
                let d = assert_single(diags, "docs/decisions/notes without number.md");
                assert_eq!((d.line, d.severity.as_str()), (1, "error"), "{d}");
                assert!(
                    d.message.contains("number"),
                    "the message says what is wrong: {d}"
                );
            },
        },
        Case {
            name: "supersession cycle",
            files: vec![
                ("docs/decisions/0040-cycle-a.md", fixture("cycle-a.md")),
                ("docs/decisions/0041-cycle-b.md", fixture("cycle-b.md")),
                (
                    "docs/decisions/0043-ring-a.md",
                    b"\
---
title: Ring A
status: superseded
owner: alice
date: 2026-11-01
supersedes: [45]
superseded_by: 44
---
"
                    .to_vec(),
                ),
                (
                    "docs/decisions/0044-ring-b.md",
                    b"\
---
title: Ring B
status: superseded
owner: alice
date: 2026-11-01
supersedes: [43]
superseded_by: 45
---
"
                    .to_vec(),
                ),
                (
                    "docs/decisions/0045-ring-c.md",
                    b"\
---
title: Ring C
status: superseded
owner: alice
date: 2026-11-01
supersedes: [44]
superseded_by: 43
---
"
                    .to_vec(),
                ),
            ],
            errors: true,
            expect: |diags| {
                // A diagnostic names the cycle: says "cycle" and lists its members.
                let names_cycle = |members: &[&str]| {
                    diags.iter().any(|d| {
                        d.message.contains("cycle") && members.iter().all(|m| d.message.contains(m))
                    })
                };
                assert!(
                    names_cycle(&["40", "41"]),
                    "the 40 ↔ 41 cycle is named:\n{}",
                    listing(diags)
                );
                assert!(
                    names_cycle(&["43", "44", "45"]),
                    "the 43 → 44 → 45 ring is named:\n{}",
                    listing(diags)
                );
            },
        },
    ]
}

fn case(name: &str) -> Case {
    cases()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case `{name}`"))
}

/// Runs one case alone: JSON (exit code and findings), then the human format (no
/// panic, output that stays small).
fn run_case(name: &str) {
    let case = case(name);
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    for (path, contents) in &case.files {
        repo.write(path, contents);
    }
    repo.commit(name);
    let run = repo
        .docket()
        .timeout(DEADLINE)
        .args(["check", "--format", "json"])
        .run();
    run.assert_code(if case.errors { 1 } else { 0 });
    let diags = run.diagnostics();
    // Nothing spills onto the valid roster and charter.
    assert_no_diag(&diags, "docs/charter.md");
    assert_no_diag(&diags, "docs/people.yaml");
    (case.expect)(&diags);
    assert!(
        run.stdout.len() < 100_000,
        "JSON output is {} bytes",
        run.stdout.len()
    );

    let human = repo.docket().timeout(DEADLINE).args(["check"]).run();
    human.assert_code(if case.errors { 1 } else { 0 });
    assert!(
        human.stdout.len() < 100_000,
        "the human output must not print whole long lines: {} bytes",
        human.stdout.len()
    );
}

#[test]
fn alias_bomb() {
    run_case("alias bomb");
}

#[test]
fn deep_nesting() {
    run_case("deep nesting");
}

#[test]
fn not_utf8() {
    run_case("not UTF-8");
}

#[test]
fn bom_and_crlf() {
    run_case("BOM and CRLF");
}

#[test]
fn bom_and_crlf_alone_is_clean() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write("docs/decisions/0004-bom-crlf.md", fixture("bom-crlf.md"));
    repo.commit("windows");
    let run = repo.check_json(&[]);
    run.assert_code(0);
    assert!(run.diagnostics().is_empty(), "{run}");
}

#[test]
fn unterminated_front_matter() {
    run_case("unterminated front matter");
}

#[test]
fn front_matter_is_a_list() {
    run_case("front matter is a list");
}

#[test]
fn front_matter_is_a_scalar() {
    run_case("front matter is a scalar");
}

#[test]
fn empty_file() {
    run_case("empty file");
}

#[test]
fn only_dashes() {
    run_case("only ---");
}

#[test]
fn duplicate_keys() {
    run_case("duplicate keys");
}

#[test]
fn wrong_types() {
    run_case("wrong types");
}

#[test]
fn nul_bytes() {
    run_case("NUL bytes");
}

#[test]
fn tabs() {
    run_case("tabs");
}

#[test]
fn two_megabyte_line() {
    run_case("2 MB line");
}

#[test]
fn two_megabyte_line_is_cut_in_human_output() {
    let case = case("2 MB line");
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    for (path, contents) in &case.files {
        repo.write(path, contents);
    }
    repo.commit("long lines");
    let run = repo.docket().timeout(DEADLINE).args(["check"]).run();
    run.assert_code(1);
    assert!(
        run.stdout.len() < 100_000,
        "{} bytes of output",
        run.stdout.len()
    );
    // The snippet is cut around the caret but still shows what is wrong.
    assert!(run.stdout.contains("0099-missing-plan.md"), "{run}");
    assert!(run.stdout.contains('…'), "a cut line is marked\n{run}");
}

#[test]
fn unicode_file_name() {
    run_case("unicode file name");
}

#[test]
fn unicode_file_name_alone_is_clean() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write(UNICODE_NAME, fixture("unicode-name.md"));
    repo.commit("unicode");
    let run = repo.check_human(&[]);
    run.assert_code(0);
    assert_eq!(run.stdout, "checked 4 files: no problems\n", "{run}");
}

#[test]
fn decision_file_name_without_a_number() {
    run_case("decision file name without a number");
}

#[test]
fn supersession_cycle() {
    run_case("supersession cycle");
}

/// Regression: positions were computed by indexing the whole file once per finding,
/// so a large file with many findings took quadratic time (a 5 MB record with 1000
/// broken links: 46 s).
#[test]
fn many_findings_in_a_large_file_stay_fast() {
    let links = 2000;
    let para =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. ".repeat(12);
    let mut text = String::from(
        "\
---
title: Large
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---
",
    );
    // Each link sits on its own line after a blank line, a paragraph line, a blank
    // line, a paragraph line and a blank line: link i is on line 13 + 6 i.
    for i in 0..links {
        text.push_str(&format!(
            "\n{para}\n\n{para}\n\n[plan {i}](missing-{i}.md)\n"
        ));
    }
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write("docs/decisions/0001-large.md", &text);
    repo.commit("large");
    let run = repo
        .docket()
        .timeout(DEADLINE)
        .args(["check", "--format", "json"])
        .run();
    run.assert_code(1);
    let diags = run.diagnostics();
    assert_eq!(diags.len(), links, "one finding per broken link");
    let file = "docs/decisions/0001-large.md";
    assert_diag(&diags, "broken-reference", file, 13);
    assert_diag(
        &diags,
        "broken-reference",
        file,
        13 + 6 * (links as u64 - 1),
    );
}

#[cfg(unix)]
#[test]
fn fifo_in_the_handbook_does_not_hang() {
    // Reading a named pipe blocks until someone writes to it. A FIFO, and a link
    // inside the repository that points at one, must be skipped, never opened.
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.commit("handbook");
    let mkfifo = |rel: &str| {
        let status = std::process::Command::new("mkfifo")
            .arg(repo.path().join(rel))
            .status()
            .expect("run mkfifo");
        assert!(status.success());
    };
    mkfifo("docs/decisions-pipe");
    std::fs::create_dir_all(repo.path().join("docs/decisions")).unwrap();
    mkfifo("docs/decisions/0052-pipe.md");
    std::os::unix::fs::symlink(
        "../decisions-pipe",
        repo.path().join("docs/decisions/0053-link-to-pipe.md"),
    )
    .unwrap();
    let run = repo
        .docket()
        .timeout(DEADLINE)
        .args(["check", "--format", "json"])
        .run();
    let diags = run.diagnostics();
    assert!(
        diags.iter().all(|d| d.severity != "error"),
        "a pipe is not a broken document:\n{}",
        listing(&diags)
    );
}

#[test]
fn every_case_in_one_repository() {
    // One bad file never hides the findings of another.
    let cases = cases();
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    for case in &cases {
        for (path, contents) in &case.files {
            repo.write(path, contents);
        }
    }
    repo.commit("every hostile case");
    let run = repo
        .docket()
        .timeout(DEADLINE)
        .args(["check", "--format", "json"])
        .run();
    run.assert_code(1);
    let diags = run.diagnostics();
    let mut failed = Vec::new();
    for case in &cases {
        let expect = case.expect;
        let result = std::panic::catch_unwind(|| expect(&diags));
        if let Err(e) = result {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!(
                "{}: {}",
                case.name,
                msg.lines().next().unwrap_or_default()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "cases that fail beside the others:\n{}",
        failed.join("\n")
    );
}
