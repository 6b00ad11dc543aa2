//! A large generated handbook for the tests of scale (`tests/scale.rs`): the shape
//! of `../shared/bench/gen_corpus.py` (decisions of 1–8 KB with options, outcomes,
//! supersession and tags; briefs; a roster; a charter), written straight to disk
//! without history, deterministic, and without Python, so that a fresh clone runs
//! it too.

use std::fmt::Write;

use super::Repo;

const WORDS: &[&str] = &[
    "team",
    "decision",
    "owner",
    "deadline",
    "async",
    "review",
    "latency",
    "storage",
    "queue",
    "cache",
    "service",
    "deploy",
    "rollout",
    "budget",
    "customer",
    "schema",
    "migration",
    "incident",
    "alert",
    "metric",
    "cost",
    "risk",
    "option",
    "tradeoff",
    "throughput",
    "region",
    "backup",
    "audit",
    "security",
    "privacy",
    "token",
    "billing",
    "export",
    "report",
    "dashboard",
    "onboarding",
    "handbook",
    "charter",
    "meeting",
    "update",
    "blocker",
    "focus",
    "timezone",
    "release",
    "version",
    "contract",
    "interface",
    "library",
    "framework",
    "database",
    "index",
];
const TAGS: &[&str] = &[
    "storage", "process", "security", "frontend", "infra", "billing", "data", "hiring", "tooling",
    "api",
];
const FIRST: &[&str] = &[
    "Alice", "Bob", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Julia", "Kofi",
    "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara",
];
const ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Asia/Singapore",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Sydney",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
    fn title(&mut self) -> String {
        let n = 2 + self.below(5);
        let mut t = self.words(n);
        t[..1].make_ascii_uppercase();
        t
    }
    fn sentence(&mut self) -> String {
        let n = 6 + self.below(12);
        let mut s = self.words(n);
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }
    fn para(&mut self) -> String {
        let n = 2 + self.below(5);
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What [`write_handbook`] wrote.
pub struct Corpus {
    /// Each decision's number, title and owner id, in number order.
    pub decisions: Vec<(u32, String, String)>,
    /// The roster's ids.
    pub people: Vec<String>,
}

/// Writes a handbook of `decisions` decision records (a tenth as many briefs, and
/// `people` people) under `docs/` of `repo`, without committing.
pub fn write_handbook(repo: &Repo, decisions: u32, people: usize) -> Corpus {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let ids: Vec<String> = (0..people)
        .map(|i| {
            let f = FIRST[i % FIRST.len()].to_lowercase();
            if i < FIRST.len() {
                f
            } else {
                format!("{f}{}", i / FIRST.len())
            }
        })
        .collect();
    let mut roster = String::new();
    for (i, id) in ids.iter().enumerate() {
        let _ = writeln!(
            roster,
            "- id: {id}\n  name: {} {}.\n  timezone: {}",
            FIRST[i % FIRST.len()],
            char::from(b'A' + (i % 26) as u8),
            ZONES[i % ZONES.len()]
        );
    }
    repo.write("docs/people.yaml", roster);
    repo.write(
        "docs/charter.md",
        format!(
            "---\ntitle: Charter\nowner: {}\nreviewed: 2026-01-05\n---\n# Charter\n\n\
             ## What requires a meeting\n\nLittle.\n\n## Response times\n\nFour hours.\n\n\
             ## Where communication lives\n\nIn the repository.\n\n## Escalation\n\nTo the owner.\n",
            ids[0]
        ),
    );
    let width = if decisions < 10_000 { 4 } else { 5 };
    let mut listed = Vec::new();
    let mut superseded_by = std::collections::HashMap::new();
    for n in 1..=decisions {
        if n > 10 && rng.below(10) == 0 {
            let old = 1 + rng.below(n as usize - 1) as u32;
            superseded_by.entry(old).or_insert(n);
        }
    }
    let mut supersedes: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for (old, new) in &superseded_by {
        supersedes.entry(*new).or_insert(*old);
    }
    for n in 1..=decisions {
        let title = rng.title();
        let owner = ids[rng.below(ids.len())].clone();
        let slug: String = title
            .to_lowercase()
            .replace(' ', "-")
            .chars()
            .take(60)
            .collect();
        let day = 1 + (n as usize * 700 / decisions as usize);
        let date = date_of(day);
        let roll = rng.below(20);
        let by = superseded_by
            .get(&n)
            .filter(|&&b| supersedes.get(&b) == Some(&n));
        let status = if by.is_some() {
            "superseded"
        } else if roll < 2 {
            "proposed"
        } else if roll < 3 {
            "rejected"
        } else {
            "accepted"
        };
        let mut fm =
            format!("---\ntitle: {title}\nstatus: {status}\nowner: {owner}\ndate: {date}\n");
        if status == "proposed" {
            let _ = writeln!(fm, "deadline: {}", date_of(day + 2));
        } else {
            let _ = writeln!(fm, "decided: {}", date_of(day + 1));
            fm.push_str("options:\n");
            for _ in 0..2 + rng.below(2) {
                let _ = writeln!(
                    fm,
                    "  - name: {}\n    pros: [{}]",
                    rng.title(),
                    rng.words(2)
                );
            }
            let _ = writeln!(fm, "outcome: {}", rng.sentence());
        }
        if let Some(b) = by {
            let _ = writeln!(fm, "superseded_by: {b}");
        }
        if let Some(old) = supersedes
            .get(&n)
            .filter(|o| superseded_by.get(o) == Some(&n))
        {
            let _ = writeln!(fm, "supersedes: [{old}]");
        }
        let tags: Vec<&str> = (0..1 + rng.below(3))
            .map(|_| TAGS[rng.below(TAGS.len())])
            .collect();
        let mut tags = tags;
        tags.sort_unstable();
        tags.dedup();
        let _ = writeln!(fm, "tags: [{}]\n---", tags.join(", "));
        let target = 1000 + rng.below(7000);
        // A subject shared by about one record in a hundred, so that records have
        // others alike (the related records of their pages).
        let subject = format!("subject{}", rng.below(100));
        let mut body = format!(
            "# {title}\n\n## Context\n\nThis concerns {subject}. {}\n\n## Options\n\n",
            rng.para()
        );
        for k in 1..=2 + rng.below(3) {
            let _ = writeln!(body, "{k}. **{}**: {}", rng.title(), rng.sentence());
        }
        let _ = write!(
            body,
            "\n## Decision\n\n{}\n\n## Consequences\n\n",
            rng.para()
        );
        while body.len() < target {
            body.push_str(&rng.para());
            body.push_str("\n\n");
        }
        repo.write(
            &format!("docs/decisions/{n:0width$}-{slug}.md"),
            format!("{fm}\n{body}"),
        );
        listed.push((n, title, owner));
    }
    for i in 1..=decisions / 10 {
        let title = rng.title();
        let owner = &ids[rng.below(ids.len())];
        let status = ["draft", "active", "active", "done"][rng.below(4)];
        repo.write(
            &format!("docs/briefs/brief-{i:05}.md"),
            format!(
                "---\ntitle: {title}\nowner: {owner}\ndeadline: {}\nstatus: {status}\nestimate: {}\n---\n\
                 # {title}\n\n## Context\n\n{}\n\n## Expected output\n\n{}\n\n## Acceptance criteria\n\n- {}\n- {}\n",
                date_of(600 + rng.below(200)),
                3 + rng.below(30),
                rng.para(),
                rng.para(),
                rng.sentence(),
                rng.sentence()
            ),
        );
    }
    Corpus {
        decisions: listed,
        people: ids,
    }
}

/// The date `day` days after 2024-01-01 (`YYYY-MM-DD`), without a date library:
/// months of 28 days, years of 12 of them, which every reader accepts as dates.
fn date_of(day: usize) -> String {
    let year = 2024 + day / 336;
    let month = 1 + (day % 336) / 28;
    let dom = 1 + day % 28;
    format!("{year}-{month:02}-{dom:02}")
}
