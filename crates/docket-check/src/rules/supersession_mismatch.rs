//! # supersession-mismatch
//!
//! **What it finds:** two decision records that tell different stories about which
//! one replaces the other, and chains that go in a circle:
//!
//! - A lists B in `supersedes`, but B's `superseded_by` does not name A, or B's
//!   status is not `superseded` (reported at the entry in A);
//! - B says `superseded_by: A`, but A does not list B in `supersedes` (reported at
//!   B's `superseded_by`);
//! - B says `superseded_by: A`, but A is not decided: it is still `proposed`, or it
//!   was `rejected` (reported at B's `superseded_by`). A decision is superseded only
//!   by a decided one: a proposal may list B in `supersedes` to say what it would
//!   replace, and B keeps its status until the proposal is accepted. So a
//!   `proposed` A that lists B is no mismatch while B does not name A yet; a
//!   superseding decision that was accepted and later superseded or deprecated in
//!   turn still counts as decided;
//! - a supersession cycle: A supersedes B, which supersedes … A, or a decision that
//!   supersedes itself. A cycle is reported once, on the first file of the cycle in
//!   path order, naming every file of it. When several cycles share decisions, the
//!   shortest one through that first file is named; fixing it reveals the next.
//!
//! Only references that resolve to exactly one decision are compared; the others are
//! the business of `broken-reference` and `duplicate-id`. A decision whose status is
//! missing or not one of docket's is not judged as the replacing side (other rules
//! report its status).
//!
//! **Why:** the site draws the supersession chain from both ends. When they disagree,
//! a reader of the old decision is not sent to the new one, or is sent to the wrong
//! one, and the old record may still read as being in force.
//!
//! **Example:**
//!
//! ```yaml
//! # 0042-use-postgresql.md
//! supersedes: [17]
//! # 0017-use-mysql.md
//! status: accepted          # should be `superseded`, with `superseded_by: 42`
//! ```
//!
//! ```yaml
//! # 0017-use-mysql.md
//! status: superseded
//! superseded_by: 42         # but 0042 is still `proposed`
//! ```
//!
//! **Fix:** in the replaced record set `status: superseded` and `superseded_by:` the
//! new one's id, and list the old one in the new one's `supersedes`. Break a cycle by
//! removing the `supersedes` entry that points back to a newer decision. When the
//! replacing decision is not decided yet, give the old record back its status and
//! remove `superseded_by` until the new one is accepted (then set both); when it was
//! rejected, name the decision that did replace the old one, or restore the old one.

use std::collections::VecDeque;
use std::ops::Range;

use docket_diagnostics::Diagnostic;
use docket_model::graph::{Direction, step};
use docket_model::{Decision, Document, Repository, Spanned, StatusCategory};

use crate::Context;

/// Reports one-sided supersession and supersession cycles.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = ctx.repo;
    for (a, da) in repo.decisions() {
        for (entry, b) in one_step(repo, da, Direction::Back) {
            // A decision that supersedes itself is a cycle, reported below; a proposal
            // names what it would replace, which keeps its status until it is decided.
            if !std::ptr::eq(a, b.0) && !da.is_proposed() {
                one_sided_supersedes(repo, (a, da), entry, b, out);
            }
        }
        for (by, target) in one_step(repo, da, Direction::Forward) {
            one_sided_superseded_by(repo, (a, da), by, target, out);
        }
    }
    cycles(repo, out);
    // Between two sources of a hub (found by docket-hub, at the source in
    // docket.toml).
    for f in &repo.foreign.supersession {
        out.push(
            Diagnostic::new(
                "supersession-mismatch",
                &f.file,
                f.range.clone(),
                f.message.clone(),
            )
            .with_help(f.help.clone()),
        );
    }
}

/// One step along supersession, keeping the references that name exactly one
/// decision.
fn one_step<'r>(
    repo: &'r Repository,
    d: &'r Decision,
    dir: Direction,
) -> Vec<(&'r Spanned<String>, (&'r Document, &'r Decision))> {
    step(repo, d, dir)
        .into_iter()
        .filter_map(|(reference, found)| match found.as_slice() {
            [doc] => Some((reference, (*doc, doc.decision()?))),
            _ => None,
        })
        .collect()
}

/// How other records should name `doc`: its id (qualified by its folder where the
/// kind has several), or its stem without one.
fn reference_to(doc: &Document, d: &Decision) -> String {
    d.qualified_id().unwrap_or_else(|| doc.stem().to_string())
}

/// The word the kind of `d` gives a superseded record (`superseded`).
fn superseded_word(repo: &Repository, d: &Decision) -> &'static str {
    repo.config
        .statuses(d.kind, StatusCategory::Superseded)
        .first()
        .copied()
        .unwrap_or("superseded")
}

/// A lists B in `supersedes`: B must say `superseded_by: A` and `status: superseded`.
fn one_sided_supersedes(
    repo: &Repository,
    (a, da): (&Document, &Decision),
    entry: &Spanned<String>,
    (b, db): (&Document, &Decision),
    out: &mut Vec<Diagnostic>,
) {
    let a_ref = reference_to(a, da);
    let named: Vec<Option<&Document>> = db
        .superseded_by
        .iter()
        .map(|by| match repo.resolve_from(db, &by.value).as_slice() {
            [c] => Some(*c),
            _ => None,
        })
        .collect();
    let (message, help) = if db.superseded_by.is_empty() {
        (
            format!(
                "supersedes `{}`, but {} does not name this decision in `superseded_by`",
                entry.value,
                b.file_name()
            ),
            format!(
                "in {} set `status: superseded` and `superseded_by: {a_ref}`",
                b.path
            ),
        )
    } else if named.iter().any(Option::is_none) {
        // A dangling or ambiguous `superseded_by` is reported by other rules.
        return;
    } else if !named.iter().flatten().any(|c| std::ptr::eq(*c, a)) {
        let written: Vec<&str> = db.superseded_by.iter().map(|b| b.value.as_str()).collect();
        (
            format!(
                "supersedes `{}`, but {} names `{}` in `superseded_by`",
                entry.value,
                b.file_name(),
                written.join("`, `")
            ),
            format!(
                "decide which decision replaces {}; its `superseded_by` and that decision's `supersedes` must agree",
                b.file_name()
            ),
        )
    } else {
        match &db.status {
            Some(s) if db.category != Some(StatusCategory::Superseded) => (
                format!(
                    "supersedes `{}`, but {} has status `{}`, not `{}`",
                    entry.value,
                    b.file_name(),
                    s.value,
                    superseded_word(repo, db)
                ),
                format!("set `status: {}` in {}", superseded_word(repo, db), b.path),
            ),
            _ => return,
        }
    };
    out.push(
        Diagnostic::new(
            "supersession-mismatch",
            &a.path,
            entry.range.clone(),
            message,
        )
        .with_help(help),
    );
}

/// B says `superseded_by: A`: A must list B in `supersedes`.
fn one_sided_superseded_by(
    repo: &Repository,
    (b, db): (&Document, &Decision),
    by: &Spanned<String>,
    (a, da): (&Document, &Decision),
    out: &mut Vec<Diagnostic>,
) {
    let b_ref = reference_to(b, db);
    let (message, help) = if std::ptr::eq(a, b) {
        (
            format!(
                "`superseded_by` names this decision itself (`{}`)",
                by.value
            ),
            "name the decision that replaces this one".to_string(),
        )
    } else if let Some(found) = undecided(by, a, da) {
        found
    } else if step(repo, da, Direction::Back)
        .iter()
        .any(|(_, found)| found.iter().any(|d| std::ptr::eq(*d, b)))
    {
        return;
    } else {
        (
            format!(
                "superseded by `{}`, but {} does not list this decision in `supersedes`",
                by.value,
                a.file_name()
            ),
            format!("add `{b_ref}` to `supersedes` in {}", a.path),
        )
    };
    out.push(
        Diagnostic::new("supersession-mismatch", &b.path, by.range.clone(), message)
            .with_help(help),
    );
}

/// A decision is superseded only by a decided one: the message and help when `a`,
/// named by `by`, is still proposed or was rejected.
fn undecided(by: &Spanned<String>, a: &Document, da: &Decision) -> Option<(String, String)> {
    let status = da.status.as_ref()?.value.as_str();
    let name = a.file_name();
    match status {
        _ if da.is_proposed() => Some((
            format!(
                "superseded by `{}`, but {name} is still `{status}`: a decision is superseded only by a decided one",
                by.value
            ),
            format!(
                "keep this decision's status and remove `superseded_by` until {name} is accepted; then set `status: superseded` and `superseded_by` again"
            ),
        )),
        "rejected" => Some((
            format!(
                "superseded by `{}`, but {name} was `rejected`: a rejected decision replaces nothing",
                by.value
            ),
            format!(
                "name the decision that did replace this one, or restore this decision's status and remove `superseded_by` (and `{name}`'s `supersedes` entry)"
            ),
        )),
        _ => None,
    }
}

/// Supersession cycles, following `supersedes` edges between decisions.
fn cycles(repo: &Repository, out: &mut Vec<Diagnostic>) {
    let docs = &repo.documents;
    // Documents are sorted by path.
    let position = |doc: &Document| {
        docs.binary_search_by(|d| d.path.as_str().cmp(&doc.path))
            .ok()
    };
    // Edges by document index, with the range of the entry that makes them.
    let mut edges: Vec<Vec<(usize, Range<usize>)>> = vec![Vec::new(); docs.len()];
    for (i, doc) in docs.iter().enumerate() {
        let Some(d) = doc.decision() else {
            continue;
        };
        for (entry, (target, _)) in one_step(repo, d, Direction::Back) {
            if let Some(j) = position(target) {
                if i == j {
                    out.push(
                        Diagnostic::new(
                            "supersession-mismatch",
                            &doc.path,
                            entry.range.clone(),
                            format!(
                                "supersession cycle: {0} → {0} (the decision supersedes itself)",
                                doc.file_name()
                            ),
                        )
                        .with_help(format!("remove `{}` from `supersedes`", entry.value)),
                    );
                } else {
                    edges[i].push((j, entry.range.clone()));
                }
            }
        }
    }
    let adjacency: Vec<Vec<usize>> = edges
        .iter()
        .map(|e| e.iter().map(|(j, _)| *j).collect())
        .collect();
    for component in strongly_connected(&adjacency) {
        if component.len() < 2 {
            continue;
        }
        let Some(&first) = component.iter().min() else {
            continue;
        };
        let Some(cycle) = shortest_cycle(&adjacency, &component, first) else {
            continue;
        };
        let names: Vec<&str> = cycle.iter().map(|&i| docs[i].file_name()).collect();
        let second = cycle.get(1).copied().unwrap_or(first);
        let range = edges[first]
            .iter()
            .find(|(j, _)| *j == second)
            .map_or(0..0, |(_, r)| r.clone());
        out.push(
            Diagnostic::new(
                "supersession-mismatch",
                &docs[first].path,
                range,
                format!("supersession cycle: {}", names.join(" → ")),
            )
            .with_help("a decision replaces older ones only; remove the `supersedes` entry that points back to a newer decision"),
        );
    }
}

/// Tarjan's algorithm without recursion: the strongly connected components.
fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = adjacency.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut components = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(top) = calls.last_mut() {
            let (v, edge) = *top;
            if let Some(&w) = adjacency[v].get(edge) {
                top.1 += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// The shortest path `start → … → start` inside `component`, as the list of nodes
/// with `start` at both ends.
fn shortest_cycle(
    adjacency: &[Vec<usize>],
    component: &[usize],
    start: usize,
) -> Option<Vec<usize>> {
    let mut member = vec![false; adjacency.len()];
    for &v in component {
        member[v] = true;
    }
    let inside = |v: usize| member[v];
    let mut parent: Vec<Option<usize>> = vec![None; adjacency.len()];
    let mut seen = vec![false; adjacency.len()];
    let mut queue = VecDeque::from([start]);
    seen[start] = true;
    while let Some(v) = queue.pop_front() {
        for &w in &adjacency[v] {
            if w == start {
                // Walk back from `v` to `start`, then read it forwards.
                let mut path = vec![v];
                let mut at = v;
                while at != start {
                    at = parent[at]?;
                    path.push(at);
                }
                path.reverse();
                path.push(start);
                return Some(path);
            }
            if !seen[w] && inside(w) {
                seen[w] = true;
                parent[w] = Some(v);
                queue.push_back(w);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    fn decision(status: &str, rest: &str) -> String {
        format!("---\ntitle: A\nstatus: {status}\nowner: alice\ndate: 2026-11-20\n{rest}---\n")
    }

    #[test]
    fn fails_on_one_sided_links_and_cycles() {
        let r = repo(&[
            // 42 supersedes 17, but 17 still says accepted and names nobody.
            (
                "docs/decisions/0017-use-mysql.md",
                &decision("accepted", ""),
            ),
            (
                "docs/decisions/0042-use-postgresql.md",
                &decision("accepted", "supersedes: [17, 18, 19]\n"),
            ),
            // 18 names 42 but is not marked superseded.
            (
                "docs/decisions/0018-x.md",
                &decision("accepted", "superseded_by: 42\n"),
            ),
            // 19 names 43 instead of 42.
            (
                "docs/decisions/0019-y.md",
                &decision("superseded", "superseded_by: 43\n"),
            ),
            // 43 is named by 19 but does not list it.
            ("docs/decisions/0043-z.md", &decision("accepted", "")),
            // A cycle of three (16 → 51 → 50 → 16), consistent otherwise.
            (
                "docs/decisions/0016-a.md",
                &decision("superseded", "supersedes: [51]\nsuperseded_by: 50\n"),
            ),
            (
                "docs/decisions/0050-b.md",
                &decision("superseded", "supersedes: [16]\nsuperseded_by: 51\n"),
            ),
            (
                "docs/decisions/0051-c.md",
                &decision("superseded", "supersedes: [\"0050\"]\nsuperseded_by: 16\n"),
            ),
            // One that supersedes itself.
            (
                "docs/decisions/0060-self.md",
                &decision("accepted", "supersedes: [60]\nsuperseded_by: 60\n"),
            ),
        ]);
        insta::assert_debug_snapshot!(run("supersession-mismatch", &r));
    }

    #[test]
    fn fails_when_the_replacing_decision_is_not_decided() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                &decision("superseded", "superseded_by: 2\n"),
            ),
            (
                "docs/decisions/0002-b.md",
                &decision("proposed", "supersedes: [1]\n"),
            ),
            (
                "docs/decisions/0003-c.md",
                &decision("superseded", "superseded_by: 4\n"),
            ),
            (
                "docs/decisions/0004-d.md",
                &decision("rejected", "supersedes: [3]\n"),
            ),
        ]);
        assert_eq!(
            run("supersession-mismatch", &r),
            [
                "docs/decisions/0001-a.md:6:16 superseded by `2`, but 0002-b.md is still `proposed`: a decision is superseded only by a decided one",
                "docs/decisions/0003-c.md:6:16 superseded by `4`, but 0004-d.md was `rejected`: a rejected decision replaces nothing",
            ]
        );
    }

    #[test]
    fn passes_while_a_proposal_names_what_it_would_replace() {
        let r = repo(&[
            ("docs/decisions/0001-a.md", &decision("accepted", "")),
            (
                "docs/decisions/0002-b.md",
                &decision("proposed", "supersedes: [1]\n"),
            ),
            // Accepted, then itself superseded: it did replace 0003.
            (
                "docs/decisions/0003-c.md",
                &decision("superseded", "superseded_by: 4\n"),
            ),
            (
                "docs/decisions/0004-d.md",
                &decision("superseded", "supersedes: [3]\nsuperseded_by: 5\n"),
            ),
            (
                "docs/decisions/0005-e.md",
                &decision("deprecated", "supersedes: [4]\n"),
            ),
        ]);
        assert_eq!(run("supersession-mismatch", &r), Vec::<String>::new());
    }

    #[test]
    fn passes_on_a_consistent_chain() {
        let r = repo(&[
            (
                "docs/decisions/0017-use-mysql.md",
                &decision("superseded", "superseded_by: 0042-use-postgresql.md\n"),
            ),
            (
                "docs/decisions/0042-use-postgresql.md",
                &decision("superseded", "supersedes: [\"0017\"]\nsuperseded_by: 43\n"),
            ),
            (
                "docs/decisions/0043-use-sqlite.md",
                &decision("accepted", "supersedes: [0042-use-postgresql.md, 99]\n"),
            ),
        ]);
        assert_eq!(run("supersession-mismatch", &r), Vec::<String>::new());
    }
}
