#![allow(clippy::unwrap_used)] // Test helpers: a panic is a failing test.
//! The site as a user sees it: pages exist where SPEC §6 says, output is safe and
//! reproducible, values are escaped, and templates can be overridden.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use docket_model::{Config, Repository};
use docket_site::{SiteError, SiteOptions, build};

const PEOPLE: &str = "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n- id: bob\n  name: Bob Li\n  timezone: America/New_York\n";
const CHARTER: &str = "---\ntitle: How we work\nowner: alice\nreviewed: 2026-11-01\n---\n# How we work\n\n## What requires a meeting\n\nLittle.\n\n## Response times\n\n4h.\n\n## Where communication lives\n\nHere.\n\n## Escalation\n\nAsk.\n";

fn handbook() -> Vec<(String, String)> {
    let files = [
        ("docs/people.yaml", PEOPLE),
        ("docs/charter.md", CHARTER),
        (
            "docs/decisions/0001-use-postgresql.md",
            "---\ntitle: Use PostgreSQL\nstatus: superseded\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\nsuperseded_by: 2\ntags: [storage]\noptions:\n  - name: PostgreSQL\n    pros: [mature]\n    cons: [ops]\n  - name: MySQL\noutcome: PostgreSQL, because we know it.\n---\n# Use PostgreSQL\n\nSee [the next one](0002-use-sqlite.md#decision).\n",
        ),
        (
            "docs/decisions/0002-use-sqlite.md",
            "---\ntitle: Use SQLite\nstatus: accepted\nowner: bob\ndate: 2026-11-22\ndecided: 2026-11-23\nsupersedes: [1]\n---\n## Options\n\n- SQLite\n- PostgreSQL\n\n## Decision\n\nSQLite.\n",
        ),
        (
            "docs/decisions/0003-open-question.md",
            "---\ntitle: \"<script>alert('title')</script> Open question\"\nstatus: proposed\nowner: alice\ndate: 2026-11-24\ntags: [\"<img src=x onerror=alert(1)>\"]\n---\nBody with <script>alert(1)</script> and <a href=\"javascript:alert(2)\" onclick=\"x()\">a link</a>.\n",
        ),
        (
            "docs/guide/start.md",
            "---\ntitle: Start here\n---\n# Start here\n\nRead the [charter](../charter.md).\n",
        ),
        // The team pages: updates (a blocker on a decision, a hostile one), meetings.
        (
            "docs/updates/2026-11-23/alice.md",
            "Done: the schema\nNext: the import\nBlocker: waiting for #3\n",
        ),
        (
            "docs/updates/2026-11-24/alice.md",
            "Done: more schema\nNext: the import\nBlocker: Waiting for #3\n",
        ),
        (
            "docs/updates/2026-11-24/bob.md",
            "Done: <b>bold</b>\nNext: x\nBlocker: <script>alert('blocker')</script>\n",
        ),
        (
            "docs/meetings.yaml",
            "- name: \"<img src=x onerror=alert(1)> Standup\"\n  category: update\n  cadence: daily\n  duration: 15\n  attendees: [alice, bob]\n",
        ),
    ];
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

fn repo() -> Repository {
    Repository::from_texts(Config::default(), handbook())
}

fn build_into(root: &Path, out: &Path) -> Result<docket_site::BuildSummary, SiteError> {
    build(
        &repo(),
        root,
        out,
        &SiteOptions {
            base_url: Some("https://handbook.example/".into()),
            ..SiteOptions::default()
        },
        &|_, _| {},
    )
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    fs::create_dir_all(&root).unwrap();
    let out = root.join("site");
    Fixture {
        root,
        out,
        _tmp: tmp,
    }
}

#[test]
fn pages_are_where_the_spec_says() {
    let f = fixture();
    build_into(&f.root, &f.out).unwrap();
    for page in [
        "index.html",
        "charter.html",
        "decisions/index.html",
        "decisions/0001-use-postgresql.html",
        "decisions/0002-use-sqlite.html",
        "people/index.html",
        "people/alice.html",
        "updates/index.html",
        "updates/2026-11-24/index.html",
        "updates/2026-11-24/bob.html",
        "meetings/index.html",
        "guide/start.html",
        "404.html",
        "search.html",
        "decisions.json",
        "feed.xml",
        "sitemap.xml",
        "search-index.js",
        "assets/style.css",
        "assets/docket.js",
    ] {
        assert!(f.out.join(page).is_file(), "{page} missing");
    }
    let decision = read(&f.out, "decisions/0001-use-postgresql.html");
    assert!(
        decision.contains("href=\"../decisions/0002-use-sqlite.html#decision\""),
        "links between documents are rewritten"
    );
    assert!(
        decision.contains("../assets/style.css"),
        "pages link assets relatively"
    );
    let guide = read(&f.out, "guide/start.html");
    assert!(guide.contains("href=\"../charter.html\""));
    let sitemap = read(&f.out, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://handbook.example/decisions/0001-use-postgresql.html</loc>")
    );
}

#[test]
fn decisions_json_is_the_contract() {
    let f = fixture();
    build_into(&f.root, &f.out).unwrap();
    let json: serde_json::Value = serde_json::from_str(&read(&f.out, "decisions.json")).unwrap();
    insta::assert_json_snapshot!(json);
}

#[test]
fn same_input_gives_identical_bytes() {
    let f = fixture();
    build_into(&f.root, &f.out).unwrap();
    let first = files(&f.out);
    let other = f.root.join("site2");
    build_into(&f.root, &other).unwrap();
    assert_eq!(first, files(&other));
    build_into(&f.root, &f.out).unwrap();
    assert_eq!(
        first,
        files(&f.out),
        "a rebuild over a docket folder is identical"
    );
}

#[test]
fn values_and_bodies_are_escaped_or_sanitized() {
    let f = fixture();
    build_into(&f.root, &f.out).unwrap();
    for page in [
        "decisions/0003-open-question.html",
        "decisions/index.html",
        "index.html",
        "updates/index.html",
        "updates/2026-11-24/index.html",
        "people/bob.html",
        "meetings/index.html",
    ] {
        let html = read(&f.out, page);
        assert!(!html.contains("<script>alert"), "{page}: script from input");
        assert!(
            !html.contains("<img src=x"),
            "{page}: raw tag from front matter"
        );
        assert!(!html.contains("javascript:alert"), "{page}: javascript URL");
        assert!(!html.contains("onclick"), "{page}: event handler");
    }
    assert!(read(&f.out, "decisions/0003-open-question.html").contains("&lt;script&gt;"));
    assert!(!read(&f.out, "search-index.js").contains("<script"));
}

#[test]
fn refuses_a_folder_docket_did_not_make() {
    let f = fixture();
    fs::create_dir_all(&f.out).unwrap();
    fs::write(f.out.join("thesis.tex"), "precious").unwrap();
    let err = build_into(&f.root, &f.out).unwrap_err();
    assert!(matches!(err, SiteError::UnsafeOutput { .. }), "{err}");
    assert_eq!(
        fs::read_to_string(f.out.join("thesis.tex")).unwrap(),
        "precious"
    );
}

#[test]
fn refuses_the_repository_root() {
    let f = fixture();
    let err = build_into(&f.root, &f.root).unwrap_err();
    assert!(err.to_string().contains("repository root"), "{err}");
    let err = build_into(&f.root, f.root.parent().unwrap()).unwrap_err();
    assert!(matches!(err, SiteError::UnsafeOutput { .. }));
}

#[test]
fn a_failed_build_keeps_the_previous_site() {
    let f = fixture();
    build_into(&f.root, &f.out).unwrap();
    let before = files(&f.out);
    fs::create_dir_all(f.root.join("templates")).unwrap();
    fs::write(f.root.join("templates/decision.html"), "{% if %}broken").unwrap();
    let err = build_into(&f.root, &f.out).unwrap_err();
    assert!(err.to_string().contains("decision.html"), "{err}");
    assert_eq!(before, files(&f.out));
    let leftovers: Vec<_> = fs::read_dir(&f.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("docket-tmp") || n.contains("docket-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn user_templates_override_and_extend_builtins() {
    let f = fixture();
    fs::create_dir_all(f.root.join("templates")).unwrap();
    // The template context is a contract: dump it and snapshot it.
    fs::write(
        f.root.join("templates/decision.html"),
        "{{ decision|tojson(true) }}",
    )
    .unwrap();
    fs::write(
        f.root.join("templates/page.html"),
        "{% extends \"builtin/page.html\" %}{% block title %}Custom {{ doc.title }}{% endblock %}",
    )
    .unwrap();
    build_into(&f.root, &f.out).unwrap();
    let ctx: serde_json::Value =
        serde_json::from_str(&read(&f.out, "decisions/0001-use-postgresql.html")).unwrap();
    insta::assert_json_snapshot!("decision_context", ctx);
    let page = read(&f.out, "guide/start.html");
    assert!(
        page.contains("Custom Start here"),
        "the override's block is used"
    );
    assert!(
        page.contains("assets/style.css"),
        "the built-in layout is still there"
    );
}

/// Every `href` and `src` of every page that stays inside the site resolves to a file.
#[test]
fn every_internal_link_resolves() {
    let f = fixture();
    build_into(&f.root, &f.out).unwrap();
    let all = files(&f.out);
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, bytes) in &all {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"", "src=\""] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                let url = rest[..rest.find('"').unwrap_or(0)].replace("&amp;", "&");
                let url = url.as_str();
                if url.is_empty()
                    || url.starts_with('#')
                    || url.contains("://")
                    || url.starts_with("mailto:")
                {
                    continue;
                }
                let path = url.split(['#', '?']).next().unwrap_or("");
                let dir = Path::new(page).parent().unwrap_or(Path::new(""));
                let mut parts: Vec<String> = dir
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                for seg in path.split('/') {
                    match seg {
                        "" | "." => {}
                        ".." => {
                            parts.pop();
                        }
                        s => parts.push(s.to_string()),
                    }
                }
                checked += 1;
                if !all.contains_key(&parts.join("/")) {
                    broken.push(format!("{page}: {url}"));
                }
            }
        }
    }
    assert!(checked > 50, "the link checker saw only {checked} links");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn template_syntax_in_documents_is_text() {
    let f = fixture();
    let mut files = handbook();
    files.push((
        "docs/guide/jinja.md".into(),
        "---\ntitle: \"{{ 7 * 7 }}\"\n---\nBody {{ 6 * 7 }} and {% include \"base.html\" %}.\n"
            .into(),
    ));
    let repo = Repository::from_texts(Config::default(), files);
    build(&repo, &f.root, &f.out, &SiteOptions::default(), &|_, _| {}).unwrap();
    let page = read(&f.out, "guide/jinja.html");
    assert!(page.contains("{{ 6 * 7 }}"), "the body is shown as written");
    assert!(
        page.contains("{{ 7 * 7 }}"),
        "the title is shown as written"
    );
    assert!(!page.contains(">42") && !page.contains(">49"));
}

#[test]
fn a_broken_document_is_left_out_and_the_rest_is_built() {
    let f = fixture();
    let mut files = handbook();
    files.push((
        "docs/decisions/0009-broken.md".into(),
        "---\ntitle: [unclosed\n---\n".into(),
    ));
    let repo = Repository::from_texts(Config::default(), files);
    build(&repo, &f.root, &f.out, &SiteOptions::default(), &|_, _| {}).unwrap();
    assert!(!f.out.join("decisions/0009-broken.html").exists());
    assert!(f.out.join("decisions/0001-use-postgresql.html").exists());
    // No row for it, only the line that says it is left out (and `docket check` says
    // why).
    let index = read(&f.out, "decisions/index.html");
    assert!(!index.contains("0009-broken.html"));
    assert!(index.contains(
        "Left out because it cannot be read: <code>docs/decisions/0009-broken.md</code>"
    ));
}

/// `docket serve` renders on request what `docket build` writes: every file of the
/// built site, byte for byte, and no page the build does not write. (Each page's URL
/// is known before it renders; this keeps that list equal to the pages themselves.)
#[test]
fn the_live_site_serves_every_file_the_build_writes() {
    let f = fixture();
    let mut texts = handbook();
    texts.push(("docs/guide/diagram.svg".into(), "<svg></svg>".into()));
    fs::create_dir_all(f.root.join("docs/guide")).unwrap();
    fs::write(f.root.join("docs/guide/diagram.svg"), "<svg></svg>").unwrap();
    let repo = Repository::from_texts(Config::default(), texts);
    let options = SiteOptions {
        base_url: Some("https://handbook.example/".into()),
        ..SiteOptions::default()
    };
    build(&repo, &f.root, &f.out, &options, &|_, _| {}).unwrap();
    let built = files(&f.out);
    let templates = docket_site::Templates::load(&f.root).unwrap();
    let live = docket_site::Live::new(&repo, &f.root, &options, &templates);
    for (rel, bytes) in &built {
        if rel == ".docket-site" {
            continue;
        }
        let served = live.get(rel).unwrap();
        assert!(served.is_some(), "{rel} is not served");
        assert!(
            served.as_deref() == Some(bytes),
            "{rel} differs from the built file"
        );
    }
    assert!(built.contains_key("guide/diagram.svg"));
    for page in live.pages() {
        assert!(built.contains_key(page), "{page} is served but not built");
    }
    assert!(live.get("no/such/page.html").unwrap().is_none());
}
