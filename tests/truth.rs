//! What docket shows must be true (the issue "Everything docket shows is true"): each
//! test here is named after a finding of a new user's first week and failed before
//! its fix.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_diag, minimal_repo_with};

/// Point 9: a YAML syntax error points at the line where the broken value starts, says
/// what is wrong in words a writer understands, and gives the fix. Before, an
/// unclosed quote on line 2 was reported at the closing `---` with the parser's
/// "found unexpected end of stream".
#[test]
fn yaml_errors_point_at_the_broken_value_and_say_how_to_fix_it() {
    let repo = minimal_repo_with(&[
        (
            "docs/decisions/0001-unclosed.md",
            b"---\ntitle: \"Use PostgreSQL\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\nBody.\n",
        ),
        (
            "docs/decisions/0002-colon.md",
            b"---\ntitle: D: the sequel\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\nBody.\n",
        ),
    ]);
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    let quote = assert_diag(
        &diags,
        "front-matter-syntax",
        "docs/decisions/0001-unclosed.md",
        2,
    );
    assert_eq!(quote.column, 8, "at the opening quote");
    assert!(
        quote
            .message
            .contains("the quote that starts the value of `title` is never closed")
            && quote
                .message
                .contains("close it with `\"` on the same line"),
        "{}",
        quote.message
    );
    let colon = assert_diag(
        &diags,
        "front-matter-syntax",
        "docs/decisions/0002-colon.md",
        2,
    );
    assert!(
        colon.message.contains("contains `: `")
            && colon
                .message
                .contains("quote the value: `title: \"D: the sequel\"`"),
        "{}",
        colon.message
    );
}

/// A decision decided in week `decided` after being opened two days before.
fn decided(n: u32, opened: &str, decided: &str) -> (String, Vec<u8>) {
    (
        format!("docs/decisions/{n:04}-d{n}.md"),
        format!(
            "---\ntitle: D{n}\nstatus: accepted\nowner: alice\ndate: {opened}\ndecided: {decided}\noptions: [a, b]\noutcome: a\n---\nBody.\n"
        )
        .into_bytes(),
    )
}

/// Point 6: the charts read right. The decisions-per-week chart has a legend for its
/// two colours; a week in which nothing was decided has no median (a gap in the line
/// and "–" in the numbers, not 0 hours); the newest week has its axis label; the
/// targets say in words what they measure.
#[test]
fn charts_have_a_legend_gaps_and_the_newest_week() {
    let files = [
        decided(1, "2026-08-03", "2026-08-05"),
        decided(2, "2026-11-09", "2026-11-11"),
        decided(3, "2026-11-23", "2026-11-24"),
    ];
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_slice()))
        .collect();
    let repo = minimal_repo_with(&files);
    let out = repo.path().join("site");
    repo.docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let page = std::fs::read_to_string(out.join("metrics.html")).unwrap();
    let section = |id: &str| {
        let start = page.find(&format!("id=\"{id}-heading\"")).unwrap();
        let end = page[start..].find("</section>").unwrap();
        page[start..start + end].to_string()
    };
    let per_week = section("per-week");
    assert!(
        per_week.contains("class=\"chart-legend\"")
            && per_week.contains(">opened</text>")
            && per_week.contains(">decided</text>"),
        "a legend names both series:\n{per_week}"
    );
    // The newest week (starting Monday 2026-11-23) has its label on the axis.
    assert!(
        per_week.contains(">2026-11-23</text>"),
        "the newest week is labelled:\n{per_week}"
    );
    let median = section("time-to-decide");
    // Two weeks have a median (2026-11-09 and 2026-11-23); the other ten are gaps.
    assert_eq!(median.matches("<circle").count(), 2, "{median}");
    assert!(
        median.contains("<td>2026-11-16</td><td>–</td>"),
        "a week without decisions reads – in the numbers:\n{median}"
    );
    assert!(!median.contains("<td>2026-11-16</td><td>0</td>"));
    assert!(page.contains("Decisions with an owner (%)"));
}

/// Point 5: a page without a `description` shows its first paragraph once, in the
/// body; it was also printed above the body as the grey lede.
#[test]
fn pages_do_not_repeat_their_first_paragraph() {
    let repo = minimal_repo_with(&[(
        "docs/briefs/migrate.md",
        b"---\ntitle: Migrate billing\nowner: alice\ndeadline: 2026-12-01\nstatus: active\n---\n## Context\n\nBilling runs on the old cluster.\n\n## Expected output\n\nA plan.\n\n## Acceptance criteria\n\nIt works.\n",
    )]);
    let out = repo.path().join("site");
    repo.docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    for (page, paragraph) in [
        (
            "charter.html",
            "A decision that is stuck after two rounds of comments",
        ),
        ("briefs/migrate.html", "Billing runs on the old cluster."),
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert_eq!(html.matches(paragraph).count(), 1, "{page}:\n{html}");
    }
}

/// Point 4: the charter's numbers are shown first on the charter page and in the
/// home page's summary (they were only in the front matter).
#[test]
fn the_charters_norms_are_on_the_charter_and_home_pages() {
    let repo = minimal_repo_with(&[]);
    let out = repo.path().join("site");
    repo.docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let charter = std::fs::read_to_string(out.join("charter.html")).unwrap();
    let norms = charter
        .find("class=\"norms\"")
        .expect("the norms are on the charter page");
    let body = charter.find("class=\"prose\"").unwrap();
    assert!(norms < body, "the norms come before the charter's text");
    for figure in [
        "<dt>Replies within</dt><dd>4 hours</dd>",
        "<dt>Proposed decisions decided within</dt><dd>48 hours</dd>",
        "<dt>Meetings last</dt><dd>25 or 50 minutes</dd>",
        // Not written in this charter: docket's default, said as such.
        "<dt>Meeting-free focus block a day</dt><dd>3 hours <span class=\"muted\">(default)</span></dd>",
    ] {
        assert!(charter.contains(figure), "{figure} in:\n{charter}");
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("<dt>Replies within</dt><dd>4 hours</dd>"),
        "{home}"
    );
}

/// Point 2: a brief whose front matter cannot be read is left out of the briefs
/// index, the person pages and the figures, like a broken decision, and the index
/// says it was left out. Before, it had a row titled by its first heading with status
/// "unknown" linking to `../`, and `metrics` counted it.
#[test]
fn broken_documents_of_every_kind_are_left_out_and_said_so() {
    let repo = minimal_repo_with(&[
        (
            "docs/briefs/broken.md",
            b"---\ntitle: [unclosed\nowner: alice\n---\n## Context\n\nx\n",
        ),
        (
            "docs/briefs/fine.md",
            b"---\ntitle: Fine\nowner: alice\ndeadline: 2026-12-01\nstatus: active\n---\n## Context\n\nx\n\n## Expected output\n\ny\n\n## Acceptance criteria\n\nz\n",
        ),
    ]);
    let out = repo.path().join("site");
    repo.docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let index = std::fs::read_to_string(out.join("briefs/index.html")).unwrap();
    assert!(index.contains("Fine"));
    assert!(
        !index.contains(">Context<") && !index.contains(">unknown<"),
        "{index}"
    );
    assert!(
        index.contains("Left out because it cannot be read: <code>docs/briefs/broken.md</code>"),
        "{index}"
    );
    let metrics = repo
        .docket()
        .args(["metrics", "--format", "json"])
        .run()
        .json();
    assert_eq!(metrics["briefs"]["total"], 1, "{metrics}");
}
