//! Property tests (proptest) of the invariants the fuzzers also assert
//! (`docket_harness::invariants`), on generated inputs shaped like what docket
//! reads: front matter with unicode, CRLF, a BOM, broken quotes and brackets;
//! records in adr-tools, MADR and log4brains form; hostile HTML and Markdown
//! links. The page paths of the site have their property test in
//! `docket-site`'s `urls.rs` (the functions are private to that crate).
//!
//! Case counts are kept small (`cases`) so that `cargo test` stays fast; the
//! fuzzers (`fuzz/README.md`) run the same invariants for minutes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_harness::invariants::{kept_body_lines, range_in, safe_html, safe_output_path};
use docket_harness::targets;
use docket_model::time::parse_time;
use docket_model::{Config, Repository, plan_import, slug};
use docket_site::markdown::{render, sanitize};
use proptest::prelude::*;

fn cases(n: u32) -> ProptestConfig {
    // A fixed seed: the same cases on every run, so that CI never fails on a case
    // the run before did not try (a new seed is a deliberate change, with its
    // findings fixed or written down).
    ProptestConfig {
        cases: n,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x646f_636b_6574),
        ..ProptestConfig::default()
    }
}

/// Text with multi-byte characters where a range could land inside one (often
/// right at its start or end, where a range off by one byte lands).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "[^\n\r]{0,12}",
        "[éü✓😀日本 \t:#'\"\\[\\]{},-]{0,10}",
        "[éü✓😀日本][a-zé]{0,6}[éü✓😀日本]",
    ]
}

/// A front-matter value: plain, quoted, lists, dates, placeholders, and the
/// broken ones (an unclosed quote or bracket, a tab, a second `: `).
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => text(),
        1 => text().prop_map(|t| format!("\"{}\"", t.replace('"', ""))),
        1 => text().prop_map(|t| format!("'{}'", t.replace('\'', "''"))),
        1 => prop::collection::vec(text(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        1 => "20[0-9]{2}-[01][0-9]-[0-3][0-9]T1[0-9]:00:00\\+0[0-9]:00",
        1 => Just("{proposed}".to_string()),
        1 => Just("accepted".to_string()),
        1 => Just("Superseded by [2. B](0002-b.md)".to_string()),
        1 => text().prop_map(|t| format!("\"{t}")),
        1 => text().prop_map(|t| format!("[{t}")),
        1 => text().prop_map(|t| format!("a: {t}")),
        1 => text().prop_map(|t| format!("|\n  {t}\n  {t}")),
        1 => text().prop_map(|t| format!("\n\t- {t}")),
        1 => text().prop_map(|t| format!("\n  - {t}\n  - {t}")),
        1 => Just("&a [x]".to_string()),
        1 => Just("*a".to_string()),
        1 => Just(String::new()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "title",
            "status",
            "owner",
            "date",
            "deadline",
            "decided",
            "supersedes",
            "superseded_by",
            "deciders",
            "decision-makers",
            "consulted",
            "tags",
            "kind",
            "id",
            "person",
            "Status",
        ])
        .prop_map(str::to_string),
        1 => "[a-zé_-]{1,6}",
    ]
}

/// A body line, in docket's and other tools' shapes.
fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        text().prop_map(|t| format!("# {t}")),
        text().prop_map(|t| format!("## {t}")),
        Just("## Status".to_string()),
        Just("Accepted".to_string()),
        Just("Date: 2026-11-20".to_string()),
        prop::sample::select(vec!["*", "-"])
            .prop_flat_map(|m| (
                Just(m),
                prop::sample::select(vec!["Status", "Deciders", "Date", "Tags"]),
                text()
            ))
            .prop_map(|(m, l, t)| format!("{m} {l}: {t}")),
        Just("Supersedes [1. A](0001-a.md)".to_string()),
        Just("Superseded by [2. B](0002-b.md)".to_string()),
        text().prop_map(|t| format!("- [ ] {t}")),
        text().prop_map(|t| format!("[{t}](../x.md#{t})")),
        Just("```".to_string()),
        Just("| a | b |\n|---|---|\n| é | 😀 |".to_string()),
        Just("Done: x\nNext: y\nBlocker: none".to_string()),
    ]
}

/// A Markdown document: maybe a BOM, maybe front matter (maybe unterminated),
/// a body; LF or CRLF, maybe no line break at the end.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::sample::select(vec!["\n", "\r\n"]),
        prop::option::of(prop::collection::vec((key(), value()), 0..7)),
        prop::sample::select(vec!["---", "...", "", "--- "]),
        prop::collection::vec(body_line(), 0..10),
        any::<bool>(),
    )
        .prop_map(|(bom, eol, front, close, body, last_eol)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            if let Some(entries) = front {
                s.push_str("---");
                s.push_str(eol);
                for (k, v) in entries {
                    s.push_str(&format!("{k}: {v}"));
                    s.push_str(eol);
                }
                s.push_str(close);
                s.push_str(eol);
            }
            for line in body {
                s.push_str(&line.replace('\n', eol));
                s.push_str(eol);
            }
            if !last_eol {
                s.truncate(s.trim_end_matches(['\r', '\n']).len());
            }
            s
        })
}

/// A record in an existing format: adr-tools, MADR 2 / log4brains lines, or MADR
/// front matter, with a body of any lines.
fn legacy_record() -> impl Strategy<Value = String> {
    let body = prop::collection::vec(body_line(), 0..8);
    let eol = prop::sample::select(vec!["\n", "\r\n"]);
    (0..3u8, text(), body, eol).prop_map(|(form, title, body, eol)| {
        let title = title.trim().to_string();
        let mut lines: Vec<String> = match form {
            0 => vec![
                format!("# 1. {title}"),
                String::new(),
                "Date: 2026-11-20".into(),
                String::new(),
                "## Status".into(),
                String::new(),
                "Accepted".into(),
                String::new(),
                "Supersedes [2. B](0002-b.md)".into(),
            ],
            1 => vec![
                format!("# {title}"),
                String::new(),
                "* Status: accepted".into(),
                "* Deciders: Alice Ng, Bob Li <bob@example.com>".into(),
                "* Date: 2026-11-20".into(),
            ],
            _ => vec![
                "---".into(),
                "status: accepted".into(),
                "date: 2026-11-20".into(),
                "decision-makers: [Alice Ng, Carol]".into(),
                "consulted: Dan".into(),
                "custom: kept".into(),
                "---".into(),
                format!("# {title}"),
            ],
        };
        lines.push(String::new());
        lines.extend(body);
        let mut s = lines.join(eol);
        s.push_str(eol);
        s
    })
}

/// Hostile HTML and Markdown: event handlers, script-bearing elements, and
/// dangerous URLs in every URL attribute and link form, in mixed case, with
/// entities, spaces and control characters.
fn hostile() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "javascript:",
        "JaVaScRiPt:",
        "vbscript:",
        "data:text/html,",
        "data:text/html;base64,",
        "DATA:text/html,",
        " javascript:",
        "\u{1}javascript:",
        "java\tscript:",
        "java&#x09;script:",
        "&#106;avascript:",
        "&#x6A;avascript&colon;",
        "javascript&#58;",
        "https://example.com/?",
        "page.html#",
    ]);
    let url = (scheme, "[a-z(1)]{0,8}").prop_map(|(s, p)| format!("{s}{p}"));
    let tag = prop::sample::select(vec![
        "script", "ScRiPt", "img", "a", "svg", "math", "iframe", "style", "base", "meta", "form",
        "object", "embed", "details", "video", "input", "template", "noscript", "xmp", "div", "p",
        "h2", "table", "td",
    ]);
    let attr = prop::sample::select(vec![
        "onerror",
        "onclick",
        "OnLoad",
        "onmouseover",
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "style",
        "srcset",
        "data",
        "poster",
        "id",
        "class",
    ]);
    let quote = prop::sample::select(vec!["\"", "'", ""]);
    let element = (tag, attr, quote, url.clone(), text())
        .prop_map(|(t, a, q, u, x)| format!("<{t} {a}={q}{u}{q}>{x}</{t}>"));
    let link =
        (prop::sample::select(vec![0u8, 1, 2, 3]), url, text()).prop_map(|(k, u, x)| match k {
            0 => format!("[{x}]({u})"),
            1 => format!("![{x}]({u})"),
            2 => format!("<{u}>"),
            _ => format!("[{x}][r]\n\n[r]: {u}"),
        });
    let piece = prop_oneof![
        element,
        link,
        text(),
        Just("<svg><script>alert(1)</script></svg>".to_string()),
        Just("<style>body{background:url(javascript:x)}</style>".to_string()),
        Just("<div style=\"background:url('x')\">x</div>".to_string()),
        Just("<!--<script>--><p>x</p>".to_string()),
        Just("<math><mi xlink:href=\"javascript:x\">x</mi></math>".to_string()),
        Just("<base href=\"javascript:x//\">".to_string()),
        Just("<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">".to_string()),
        Just("{{ 7*7 }} {% raw %}".to_string()),
    ];
    // Separators put the pieces in every block: quotes, lists, tables, ATX and
    // setext headings (a heading's links once skipped the scheme check).
    let sep = prop::sample::select(vec![
        "", " ", "\n", "\n\n", "\n> ", "\n- ", "\n| x | ", "\n# ", "\n## ", "\n---\n", "\n[^1]: ",
    ]);
    prop::collection::vec((piece, sep), 1..6).prop_map(|v| {
        v.into_iter()
            .map(|(p, s)| format!("{p}{s}"))
            .collect::<String>()
    })
}

/// A handbook holding `text` as a decision, a brief and an update, with a roster.
fn repository(text: &str) -> Repository {
    let files = [
        "docs/decisions/0001-x.md",
        "docs/briefs/b.md",
        "docs/updates/2026-11-20/alice.md",
    ]
    .into_iter()
    .map(|p| (p.to_string(), text.to_string()))
    .chain([(
        "docs/people.yaml".to_string(),
        "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n".to_string(),
    )])
    .collect();
    Repository::from_texts(Config::default(), files)
}

proptest! {
    #![proptest_config(cases(256))]

    /// Parsing never panics, whatever the bytes (the driver turns bytes that are
    /// not UTF-8 into a finding first; the parsers see the rest).
    #[test]
    fn parsing_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        targets::front_matter(&bytes);
        targets::lists(&bytes);
    }

    /// Parsing and checking never panic on front matter shaped like the real one.
    #[test]
    fn parsing_never_panics_on_front_matter(doc in document()) {
        targets::front_matter(doc.as_bytes());
        targets::document(doc.as_bytes());
    }

    /// Every finding's range lies inside its file and on character boundaries, so
    /// every renderer can slice the line it points at.
    #[test]
    fn every_finding_lies_inside_its_file(doc in document()) {
        let text = doc.strip_prefix('\u{feff}').unwrap_or(&doc);
        let repo = repository(text);
        let now = parse_time("2026-11-24T12:00:00Z").unwrap();
        for d in docket_check::check(&repo, now) {
            let Some(file) = repo.document(&d.file) else {
                prop_assert!(d.range.is_empty(), "{d:?}");
                continue;
            };
            prop_assert_eq!(range_in(&file.text, &d.range), Ok(()), "{:?}", d);
        }
    }

    /// Sanitized HTML never holds an event handler, a script or a
    /// `javascript:`, `vbscript:` or `data:` URL, through Markdown or as raw HTML.
    #[test]
    fn sanitized_html_runs_no_script(src in hostile()) {
        let html = render(&src, &|_| None).html;
        prop_assert_eq!(safe_html(&html), Ok(()), "{}\n=> {}", src, html);
        let raw = sanitize(&src);
        prop_assert_eq!(safe_html(&raw), Ok(()), "{}\n=> {}", src, raw);
    }

    /// A slug is one safe file name: lowercase ASCII words joined by single
    /// hyphens, at most `max` bytes, never empty, `.` or `..`, so `NNNN-slug.md`
    /// stays in its folder.
    #[test]
    fn slugs_are_one_safe_file_name(
        text in prop_oneof![any::<String>(), "[a-zA-ZéÀÖøßŁ ./\\\\:-]{0,30}"],
        max in 0usize..80,
    ) {
        if let Some(s) = slug(&text, max) {
            prop_assert!(!s.is_empty() && s.len() <= max, "{s:?} for max {max}");
            prop_assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s:?}"
            );
            prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{s:?}");
            prop_assert_eq!(safe_output_path(&format!("docs/decisions/0001-{s}.md")), Ok(()));
        }
    }

    /// `docket import` keeps every line of a record's body but the metadata lines
    /// it moves into front matter, and writes front matter that reads back.
    #[test]
    fn import_keeps_every_body_line(record in legacy_record()) {
        let files = vec![
            ("docs/decisions/0001-x.md".to_string(), record),
            (
                "docs/people.yaml".to_string(),
                "- id: alice\n  name: Alice Ng\n  timezone: UTC\n".to_string(),
            ),
        ];
        let repo = Repository::from_texts(Config::default(), files);
        let plan = plan_import(&repo, None, "");
        for r in &plan.records {
            let doc = repo.document(&r.path).unwrap();
            let split = docket_syntax::split_front_matter(&r.after);
            prop_assert!(split.is_ok(), "{}", r.after);
            let body = split.unwrap().body;
            prop_assert_eq!(
                kept_body_lines(&doc.text, doc.body.clone(), &doc.metadata_lines(), &r.after[body]),
                Ok(()),
                "{}\n=> {}", doc.text, r.after
            );
        }
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// Records in existing formats go through the whole `legacy` target: ranges,
    /// import, a second import that changes nothing.
    #[test]
    fn legacy_records_pass_the_legacy_target(record in legacy_record()) {
        targets::legacy(record.as_bytes());
    }
}
