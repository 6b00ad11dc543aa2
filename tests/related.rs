//! Related decisions (issue "Readers at scale"): each decision page lists the few
//! decisions most alike by their words (TF-IDF, computed at build time), besides
//! its explicit links and supersession chain, and the list is the same from build
//! to build. The section is a snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Repo;

fn decision(n: u32, title: &str, extra: &str, body: &str) -> (String, String) {
    (
        format!("docs/decisions/{n:04}-d{n}.md"),
        format!(
            "---\ntitle: {title}\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\n{extra}options:\n  - name: A\n  - name: B\noutcome: A.\n---\n\n{body}\n"
        ),
    )
}

fn section(html: &str) -> &str {
    let Some(start) = html.find("<section class=\"related\"") else {
        return "";
    };
    let end = html[start..].find("</section>").unwrap() + start + "</section>".len();
    &html[start..end]
}

#[test]
fn a_decision_page_lists_the_decisions_most_alike() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    let files = [
        decision(1, "Retry failed webhooks", "", "Webhooks retry with exponential backoff and jitter."),
        decision(2, "Use PostgreSQL for orders", "", "Orders live in PostgreSQL with read replicas."),
        decision(3, "Backoff for webhook retries", "", "Exponential backoff with jitter for failed webhooks."),
        decision(4, "Hiring loop", "", "Interviews take three rounds."),
        decision(5, "Read replicas in two regions", "", "PostgreSQL read replicas serve reports."),
        decision(6, "Office plants", "", "Water them weekly."),
        decision(7, "Webhook signatures", "supersedes: [8]\n", "Webhooks carry signatures; retries keep them. Backoff as in 3."),
        (
            "docs/decisions/0008-d8.md".to_string(),
            "---\ntitle: Unsigned webhooks\nstatus: superseded\nsuperseded_by: 7\nowner: alice\ndate: 2026-10-01\n---\n\nWebhooks retry unsigned with backoff and jitter.\n".to_string(),
        ),
    ];
    for (path, text) in &files {
        repo.write(path, text);
    }
    repo.commit("decisions on a few subjects");
    let site = repo.path().join("site");
    let build = || {
        repo.docket()
            .args(["build", repo.path().to_str().unwrap(), "--out"])
            .args([site.to_str().unwrap()])
            .run()
            .assert_code(0);
        std::fs::read_to_string(site.join("decisions/0001-d1.html")).unwrap()
    };
    let first = build();
    let related = section(&first);
    insta::assert_snapshot!("related_of_decision_1", related);
    assert!(related.contains("0003-d3.html"), "{related}");
    assert!(
        !related.contains("0002-d2.html") && !related.contains("0004-d4.html"),
        "{related}"
    );
    // Built again: the same list.
    assert_eq!(section(&build()), related);

    // The supersession chain is linked once, in its own section, not again as related.
    let seven = std::fs::read_to_string(site.join("decisions/0007-d7.html")).unwrap();
    assert!(
        seven.contains("Supersession chain"),
        "decision 7 shows no chain"
    );
    assert!(
        !section(&seven).contains("0008-d8.html"),
        "{}",
        section(&seven)
    );
    // A decision about nothing the others speak of has no such section.
    let six = std::fs::read_to_string(site.join("decisions/0006-d6.html")).unwrap();
    assert!(!six.contains("docket-related"), "{}", section(&six));
}
