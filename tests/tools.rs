//! The small commands around the handbook, run as the real binary: `schema`, `graph`,
//! `completions` and `man`.

mod common;

use common::{MINIMAL, Repo, clean_repo};

#[test]
fn schema_reads_docket_toml_and_works_outside_a_repository() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docket.toml", "[kinds.decision]\nrequired = [\"area\"]\n");
    let run = repo.docket().args(["schema", "decision"]).run();
    run.assert_code(0);
    let schema = run.json();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["required"],
        serde_json::json!(["title", "status", "owner", "date", "area"])
    );
    // From a subfolder, naming the repository as PATH.
    let run = repo
        .docket_in(&repo.path().join("docs"))
        .args(["schema", "people", ".."])
        .run();
    run.assert_code(0);
    assert_eq!(run.json()["type"], serde_json::json!(["array", "null"]));

    // A plain folder without docket.toml: the defaults.
    let plain = Repo::plain();
    let run = plain.docket().args(["schema", "decision"]).run();
    run.assert_code(0);
    assert_eq!(
        run.json()["required"],
        serde_json::json!(["title", "status", "owner", "date"])
    );

    // An unknown kind is a usage error.
    let run = plain.docket().args(["schema", "memo"]).run();
    run.assert_code(2);
    assert!(run.stderr.contains("decision"), "{}", run.stderr);
}

#[test]
fn graph_in_both_formats() {
    let repo = clean_repo();
    let run = repo.docket().args(["graph"]).run();
    run.assert_code(0);
    assert!(run.stdout.starts_with("flowchart LR\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("    d3 -->|supersedes| d1\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("-->").count(), 1, "{}", run.stdout);

    let run = repo
        .docket()
        .args(["graph", ".", "--format", "dot", "--linked"])
        .run();
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("digraph supersession {"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"d3\" -> \"d1\""), "{}", run.stdout);
    assert!(
        !run.stdout.contains("\"d2\""),
        "only linked decisions: {}",
        run.stdout
    );
}

#[test]
fn completions_and_man_page() {
    let repo = Repo::plain();
    let run = repo.docket().args(["completions", "bash"]).run();
    run.assert_code(0);
    assert!(run.stdout.contains("renumber"), "{}", run.stdout);
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let run = repo.docket().args(["completions", shell]).run();
        run.assert_code(0);
        assert!(run.stdout.contains("schema"), "{shell}: {}", run.stdout);
    }
    let run = repo.docket().args(["completions", "tcsh"]).run();
    run.assert_code(2);

    let run = repo.docket().args(["man"]).run();
    run.assert_code(0);
    // roff: clap_mangen opens with the two lines that define the apostrophe string
    // (`.ie`/`.el`), then the title macro comes first.
    let first_macro = run
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap_or_default();
    assert!(first_macro.starts_with(".TH docket 1"), "{}", run.stdout);
    assert!(run.stdout.contains("serve"), "{}", run.stdout);
}
