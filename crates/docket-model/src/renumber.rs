//! `docket renumber FROM TO`: the plan (a file rename and text edits) that moves a
//! decision to another number and rewrites every reference to it: `supersedes`,
//! `superseded_by`, its own `id`, Markdown links and update blockers. Pure: the
//! driver applies the plan.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::repo::Repository;
use crate::{Data, DecisionId, Document};

/// Edits to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenumberPlan {
    /// The decision's current path (repository-relative).
    pub from_path: String,
    /// Its new path.
    pub to_path: String,
    /// Text edits per file (current paths), each a byte range and its replacement.
    pub edits: BTreeMap<String, Vec<(Range<usize>, String)>>,
}

/// Why the plan cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenumberError {
    /// No decision has that number.
    #[error("no decision has number {0}")]
    NotFound(u32),
    /// More than one local decision has it.
    #[error("more than one decision has number {0}: {1}; rename one by hand first")]
    Ambiguous(u32, String),
    /// The target number is taken.
    #[error("number {0} is already taken by `{1}`")]
    Taken(u32, String),
}

/// `n` written with at least `width` digits.
fn padded(n: u32, width: usize) -> String {
    format!("{n:0width$}")
}

/// Replacement for a reference written as `written` that names the moved decision.
fn new_reference(written: &str, to: u32, new_stem: &str) -> String {
    let quote = written.chars().next().filter(|c| *c == '"' || *c == '\'');
    let inner = match quote {
        Some(q) => written.trim_matches(q),
        None => written,
    };
    let hash = inner.starts_with('#');
    let bare = inner.trim_start_matches('#');
    let replaced = if bare.bytes().all(|b| b.is_ascii_digit()) {
        padded(
            to,
            if bare.len() > 1 && bare.starts_with('0') {
                bare.len()
            } else {
                1
            },
        )
    } else if bare.ends_with(".md") {
        format!("{new_stem}.md")
    } else {
        new_stem.to_string()
    };
    let replaced = if hash {
        format!("#{replaced}")
    } else {
        replaced
    };
    match quote {
        Some(q) => format!("{q}{replaced}{q}"),
        None => replaced,
    }
}

/// Plans moving decision `from` to number `to`.
pub fn plan_renumber(repo: &Repository, from: u32, to: u32) -> Result<RenumberPlan, RenumberError> {
    let holders: Vec<&Document> = repo
        .decisions()
        .filter(|(_, d)| d.id == Some(DecisionId::Number(from)))
        .map(|(doc, _)| doc)
        .collect();
    let target = match holders.as_slice() {
        [] => return Err(RenumberError::NotFound(from)),
        [one] => *one,
        many => {
            return Err(RenumberError::Ambiguous(
                from,
                many.iter()
                    .map(|d| format!("`{}`", d.path))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
    };
    if let Some((taken, _)) = repo
        .decisions()
        .find(|(_, d)| d.id == Some(DecisionId::Number(to)))
    {
        return Err(RenumberError::Taken(to, taken.path.clone()));
    }
    let stem = target.stem();
    let (prefix, numbered) = crate::document::split_adr_prefix(stem);
    let digits = numbered.bytes().take_while(u8::is_ascii_digit).count();
    let new_stem = format!("{prefix}{}{}", padded(to, digits), &numbered[digits..]);
    let folder = &target.path[..target.path.len() - target.file_name().len()];
    let ext = &target.file_name()[stem.len()..];
    let to_path = format!("{folder}{new_stem}{ext}");
    let mut edits: BTreeMap<String, Vec<(Range<usize>, String)>> = BTreeMap::new();
    let names_target = |reference: &str| matches!(repo.resolve_decision(reference).as_slice(), [d] if d.path == target.path);
    for doc in &repo.documents {
        let mut file_edits = Vec::new();
        let mut edit = |range: Range<usize>| {
            let written = doc.text.get(range.clone()).unwrap_or("");
            if !written.is_empty() {
                file_edits.push((range, new_reference(written, to, &new_stem)));
            }
        };
        match &doc.data {
            Data::Decision(d) => {
                if doc.path == target.path
                    && let Some(id) = &d.id_key
                {
                    edit(id.range.clone());
                }
                for r in d.supersedes.iter().chain(d.superseded_by.iter()) {
                    if names_target(&r.value) {
                        edit(r.range.clone());
                    }
                }
            }
            Data::Update(u) => {
                for r in &u.blocker_refs {
                    if names_target(&r.value) {
                        edit(r.range.clone());
                    }
                }
            }
            _ => {}
        }
        // Markdown links whose target is the moved file: the file name inside the
        // link is replaced, the rest of the link is kept.
        for link in &doc.outline.links {
            if crate::resolve_link(&doc.path, &link.dest).as_deref() != Some(target.path.as_str()) {
                continue;
            }
            let text = doc.text.get(link.range.clone()).unwrap_or("");
            if let Some(at) = text.rfind(target.file_name()) {
                let start = link.range.start + at;
                file_edits.push((
                    start..start + target.file_name().len(),
                    format!("{new_stem}{ext}"),
                ));
            }
        }
        if !file_edits.is_empty() {
            file_edits.sort_by_key(|(r, _)| r.start);
            file_edits.dedup_by(|a, b| a.0 == b.0);
            edits.insert(doc.path.clone(), file_edits);
        }
    }
    Ok(RenumberPlan {
        from_path: target.path.clone(),
        to_path,
        edits,
    })
}

/// Applies `edits` (sorted, non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at || range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn moves_the_file_and_every_reference() {
        let files = vec![
            ("docs/decisions/0007-use-kafka.md".to_string(), "---\nid: \"0007\"\ntitle: Kafka\nstatus: proposed\nowner: a\ndate: 2026-11-24\n---\n".to_string()),
            ("docs/decisions/0003-old.md".to_string(), "---\ntitle: Old\nstatus: superseded\nsuperseded_by: 0007-use-kafka.md\nowner: a\ndate: 2026-11-01\n---\nSee [the new one](0007-use-kafka.md#why) and [17](0017-x.md).\n".to_string()),
            ("docs/decisions/0009-next.md".to_string(), "---\ntitle: Next\nstatus: proposed\nsupersedes: [7, 3]\nowner: a\ndate: 2026-11-01\n---\n".to_string()),
            ("docs/updates/2026-11-24/a.md".to_string(), "Done: x\nNext: y\nBlocker: waiting on #7 and #70\n".to_string()),
            ("docs/guide.md".to_string(), "Read [it](decisions/0007-use-kafka.md).\n".to_string()),
        ];
        let repo = Repository::from_texts(Config::default(), files.clone());
        let plan = plan_renumber(&repo, 7, 12).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.to_path, "docs/decisions/0012-use-kafka.md");
        let text = |p: &str| {
            let original = &files
                .iter()
                .find(|(q, _)| q == p)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            apply_edits(original, plan.edits.get(p).map_or(&[][..], Vec::as_slice))
        };
        assert!(text("docs/decisions/0007-use-kafka.md").contains("id: \"0012\""));
        let old = text("docs/decisions/0003-old.md");
        assert!(old.contains("superseded_by: 0012-use-kafka.md"), "{old}");
        assert!(
            old.contains("(0012-use-kafka.md#why)") && old.contains("(0017-x.md)"),
            "{old}"
        );
        assert!(text("docs/decisions/0009-next.md").contains("supersedes: [12, 3]"));
        assert!(text("docs/updates/2026-11-24/a.md").contains("#12 and #70"));
        assert!(text("docs/guide.md").contains("(decisions/0012-use-kafka.md)"));
        assert_eq!(
            plan_renumber(&repo, 7, 3),
            Err(RenumberError::Taken(3, "docs/decisions/0003-old.md".into()))
        );
        assert_eq!(plan_renumber(&repo, 8, 30), Err(RenumberError::NotFound(8)));
    }
}
