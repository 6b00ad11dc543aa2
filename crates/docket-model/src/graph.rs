//! The supersession graph (`docket graph`): decisions as nodes, an edge from each
//! decision to the one it replaces, drawn from both `supersedes` and `superseded_by`
//! (the same pair written on both sides is one edge), rendered as Mermaid or
//! Graphviz DOT.
//!
//! The one walk along supersession lives here too: [`step`] (the decisions a
//! decision's `supersedes` or `superseded_by` names) and [`chain`] (everything
//! reached that way), used by the graph, the rule `supersession-mismatch` and the
//! decision pages.
//!
//! Nodes are in decision order (number, then stem, then path) and edges in the order
//! of their nodes, so the same repository always gives the same text. A reference
//! that names no decision becomes a dashed "not found" node rather than disappearing:
//! the graph shows what the records say.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use crate::document::{Decision, DecisionId, Document, Spanned, number_prefix};
use crate::repo::Repository;

/// Which way to follow supersession.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// To the decisions a decision replaces (its `supersedes`).
    Back,
    /// To the decision that replaces it (its `superseded_by`).
    Forward,
}

/// One step along supersession: each reference `d` writes in direction `dir`, with
/// the decisions it names (none when it names nothing, more than one when ids
/// collide; see [`Repository::resolve_decision`]).
pub fn step<'r>(
    repo: &'r Repository,
    d: &'r Decision,
    dir: Direction,
) -> Vec<(&'r Spanned<String>, Vec<&'r Document>)> {
    let references: Vec<&Spanned<String>> = match dir {
        Direction::Back => d.supersedes.iter().collect(),
        Direction::Forward => d.superseded_by.iter().collect(),
    };
    references
        .into_iter()
        .map(|r| (r, repo.resolve_from(d, &r.value)))
        .collect()
}

/// The decision `reference` names when it names exactly one: what a supersession
/// chain follows (a reference to nothing is `broken-reference`, to several
/// `duplicate-id`).
pub fn resolve_one<'r>(repo: &'r Repository, reference: &str) -> Option<&'r Document> {
    match repo.resolve_decision(reference).as_slice() {
        [doc] => Some(*doc),
        _ => None,
    }
}

/// The supersession chain from `doc` in direction `dir`: every decision reached
/// through references that name exactly one decision, each once, without `doc`
/// itself (so a cycle ends the walk). In the order found, depth first: the
/// references of `doc` in the order written, then from the last one found onwards.
pub fn chain<'r>(repo: &'r Repository, doc: &'r Document, dir: Direction) -> Vec<&'r Document> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::from([doc.path.as_str()]);
    let mut frontier = vec![doc];
    while let Some(current) = frontier.pop() {
        let Some(d) = current.decision() else {
            continue;
        };
        for (_, found) in step(repo, d, dir) {
            if let [target] = found.as_slice()
                && seen.insert(target.path.as_str())
            {
                out.push(*target);
                frontier.push(*target);
            }
        }
    }
    out
}

/// One decision, or a reference to one that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// An identifier safe in both DOT and Mermaid (`d42`, `d_adr_stem`, `m17`).
    pub key: String,
    /// The decision id as people write it (`42`, a stem, or the unresolved reference).
    pub id: String,
    /// The title (empty for a missing decision).
    pub title: String,
    /// The status as written, if any.
    pub status: Option<String>,
    /// The file, repository-relative (`None` for a missing decision).
    pub path: Option<String>,
}

impl Node {
    /// Whether this node stands for a reference that names no decision.
    pub fn is_missing(&self) -> bool {
        self.path.is_none()
    }
}

/// `from` supersedes `to` (indices into [`Graph::nodes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The newer decision.
    pub from: usize,
    /// The decision it replaces.
    pub to: usize,
}

/// The supersession graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Decisions (and missing references), in a stable order.
    pub nodes: Vec<Node>,
    /// Edges new → old, deduplicated and sorted.
    pub edges: Vec<Edge>,
}

/// Builds the graph of every decision of `repo`.
pub fn supersession_graph(repo: &Repository) -> Graph {
    let mut decisions: Vec<_> = repo.decisions().collect();
    decisions.sort_by(|(a, da), (b, db)| {
        let key = |id: &Option<DecisionId>| id.is_none();
        (key(&da.id), &da.id, &a.path).cmp(&(key(&db.id), &db.id, &b.path))
    });
    let mut used = BTreeSet::new();
    let mut nodes = Vec::new();
    let mut index_of_path = HashMap::new();
    for (doc, d) in &decisions {
        let (key, id) = match &d.id {
            Some(DecisionId::Number(n)) => (format!("d{n}"), n.to_string()),
            Some(DecisionId::Stem(s)) => (format!("d_{}", sanitize(s)), s.clone()),
            None => (
                format!("f_{}", sanitize(doc.stem())),
                doc.stem().to_string(),
            ),
        };
        index_of_path.insert(doc.path.as_str(), nodes.len());
        nodes.push(Node {
            key: unique(&mut used, key),
            id,
            title: d
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_else(|| doc.title()),
            status: d.status.as_ref().map(|s| s.value.clone()),
            path: Some(doc.path.clone()),
        });
    }
    // References that name nothing, by their normalized text, in order of first use.
    let mut missing: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing_nodes = Vec::new();
    let mut edges = BTreeSet::new();
    let decision_count = nodes.len();
    let mut targets = |reference: &str, found: Vec<&Document>| -> Vec<usize> {
        let found: Vec<usize> = found
            .into_iter()
            .filter_map(|doc| index_of_path.get(doc.path.as_str()).copied())
            .collect();
        if !found.is_empty() {
            return found;
        }
        let shown = normalize(reference);
        let next = decision_count + missing_nodes.len();
        let i = *missing.entry(shown.clone()).or_insert_with(|| {
            missing_nodes.push(Node {
                key: unique(&mut used, format!("m_{}", sanitize(&shown))),
                id: shown,
                title: String::new(),
                status: None,
                path: None,
            });
            next
        });
        vec![i]
    };
    for (doc, d) in &decisions {
        let Some(&me) = index_of_path.get(doc.path.as_str()) else {
            continue;
        };
        for (old, found) in step(repo, d, Direction::Back) {
            for t in targets(&old.value, found) {
                edges.insert(Edge { from: me, to: t });
            }
        }
        for (new, found) in step(repo, d, Direction::Forward) {
            for s in targets(&new.value, found) {
                edges.insert(Edge { from: s, to: me });
            }
        }
    }
    nodes.extend(missing_nodes);
    Graph {
        nodes,
        edges: edges.into_iter().collect(),
    }
}

impl Graph {
    /// The graph without the decisions that neither supersede nor are superseded.
    pub fn linked_only(&self) -> Graph {
        let linked: BTreeSet<usize> = self.edges.iter().flat_map(|e| [e.from, e.to]).collect();
        let mut renumber = HashMap::new();
        let mut nodes = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if linked.contains(&i) {
                renumber.insert(i, nodes.len());
                nodes.push(n.clone());
            }
        }
        let edges = self
            .edges
            .iter()
            .filter_map(|e| {
                Some(Edge {
                    from: *renumber.get(&e.from)?,
                    to: *renumber.get(&e.to)?,
                })
            })
            .collect();
        Graph { nodes, edges }
    }
}

/// A reference as a node shows it: `#42`, `"0042"` and `0042-x.md` are `42`.
fn normalize(reference: &str) -> String {
    let r = reference.trim().trim_start_matches('#');
    let r = r.rsplit('/').next().unwrap_or(r);
    let stem = r.strip_suffix(".md").unwrap_or(r);
    match number_prefix(stem) {
        Some(n) if stem.bytes().all(|b| b.is_ascii_digit()) => n.to_string(),
        _ => stem.to_string(),
    }
}

/// ASCII letters, digits and `_`; anything else becomes `_`.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// `key`, or `key_2`, `key_3`… when it is taken.
fn unique(used: &mut BTreeSet<String>, key: String) -> String {
    let mut candidate = key.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{key}_{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// The statuses that get their own colours.
const STYLED: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "superseded",
    "deprecated",
];

/// (fill, stroke, text colour, dashed) of a status, or of a missing decision.
fn style(status: &str) -> (&'static str, &'static str, &'static str, bool) {
    match status {
        "proposed" => ("#fff8e1", "#b58100", "#000000", false),
        "accepted" => ("#e8f5e9", "#2e7d32", "#000000", false),
        "rejected" => ("#fdecea", "#c62828", "#000000", false),
        "superseded" => ("#f2f2f2", "#888888", "#555555", true),
        "deprecated" => ("#f2f2f2", "#888888", "#555555", false),
        _ => ("#ffffff", "#c62828", "#c62828", true),
    }
}

/// The class (Mermaid) or style (DOT) name of a node, if it has one.
fn class_of(node: &Node) -> Option<&str> {
    if node.is_missing() {
        return Some("missing");
    }
    node.status.as_deref().filter(|s| STYLED.contains(s))
}

/// The two lines of a node's label: `id: title` and the status.
fn label_lines(node: &Node) -> (String, String) {
    if node.is_missing() {
        return (node.id.clone(), "not found".into());
    }
    let first = if node.title.is_empty() {
        node.id.clone()
    } else {
        format!("{}: {}", node.id, node.title)
    };
    let status = node.status.clone().unwrap_or_else(|| "no status".into());
    (first, status)
}

impl Graph {
    /// Each edge as the keys of its two nodes.
    fn edge_keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.edges.iter().map(|e| {
            (
                self.nodes[e.from].key.as_str(),
                self.nodes[e.to].key.as_str(),
            )
        })
    }
}

/// Each node with its two label lines escaped for one output language, and its
/// style class.
fn labelled(
    graph: &Graph,
    escape: fn(&str) -> String,
) -> impl Iterator<Item = (&Node, String, String, Option<&str>)> {
    graph.nodes.iter().map(move |node| {
        let (first, second) = label_lines(node);
        (node, escape(&first), escape(&second), class_of(node))
    })
}

/// One line of label text: control characters (newlines, tabs) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Text for a quoted Mermaid label: characters Mermaid or HTML would read (quotes,
/// `#`, `&`, angle brackets, backticks for Markdown strings, backslashes) are
/// written as Mermaid entity codes (`#34;` for `"`).
pub fn escape_mermaid(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '`' | '\\' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a quoted DOT string: `\` and `"` escaped (so `\n` in a title stays text).
pub fn escape_dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
}

/// The graph as a Mermaid flowchart (`flowchart LR`).
pub fn to_mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    for (node, first, second, class) in labelled(graph, escape_mermaid) {
        let _ = write!(out, "    {}[\"{first}<br>{second}\"]", node.key);
        if let Some(class) = class {
            let _ = write!(out, ":::{class}");
        }
        out.push('\n');
    }
    for (from, to) in graph.edge_keys() {
        let _ = writeln!(out, "    {from} -->|supersedes| {to}");
    }
    let used: BTreeSet<&str> = graph.nodes.iter().filter_map(class_of).collect();
    for class in STYLED.iter().copied().chain(["missing"]) {
        if !used.contains(class) {
            continue;
        }
        let (fill, stroke, color, dashed) = style(class);
        let dash = if dashed { ",stroke-dasharray:4 3" } else { "" };
        let _ = writeln!(
            out,
            "    classDef {class} fill:{fill},stroke:{stroke},color:{color}{dash}"
        );
    }
    out
}

/// The graph as Graphviz DOT (`dot -Tsvg`).
pub fn to_dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph supersession {\n    rankdir=LR;\n    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"sans-serif\"];\n    edge [fontname=\"sans-serif\", fontsize=10];\n",
    );
    for (node, first, second, class) in labelled(graph, escape_dot) {
        let _ = write!(out, "    \"{}\" [label=\"{first}\\n{second}\"", node.key);
        if let Some(class) = class {
            let (fill, stroke, color, dashed) = style(class);
            let shape = if dashed {
                "rounded,filled,dashed"
            } else {
                "rounded,filled"
            };
            let _ = write!(
                out,
                ", style=\"{shape}\", fillcolor=\"{fill}\", color=\"{stroke}\", fontcolor=\"{color}\""
            );
        }
        out.push_str("];\n");
    }
    for (from, to) in graph.edge_keys() {
        let _ = writeln!(out, "    \"{from}\" -> \"{to}\" [label=\"supersedes\"];");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn decision(title: &str, status: &str, extra: &str) -> String {
        format!(
            "---\ntitle: {title}\nstatus: {status}\nowner: alice\ndate: 2026-11-20\n{extra}---\n\nBody.\n"
        )
    }

    fn fixture() -> Repository {
        let files = vec![
            (
                "docs/decisions/0001-use-mysql.md",
                decision("Use MySQL", "superseded", "superseded_by: 3\n"),
            ),
            (
                "docs/decisions/0002-tabs-or-spaces.md",
                decision(r#"'"Tabs" <or> spaces & #hash [x] `y` \n'"#, "proposed", ""),
            ),
            (
                // Both sides name the pair: one edge. Also names a decision that
                // does not exist.
                "docs/decisions/0003-use-postgresql.md",
                decision(
                    "Use PostgreSQL | not MySQL",
                    "accepted",
                    "decided: 2026-11-21\nsupersedes: [\"0001\", 17]\n",
                ),
            ),
            (
                "docs/decisions/0004-drop-the-orm.md",
                decision(
                    "Drop the ORM",
                    "deprecated",
                    "supersedes: 0003-use-postgresql.md\n",
                ),
            ),
            ("docs/decisions/README.md", "# Decisions\n".to_string()),
            ("docs/charter.md", "---\ntitle: C\n---\n".to_string()),
        ];
        Repository::from_texts(
            Config::default(),
            files.into_iter().map(|(p, t)| (p.to_string(), t)).collect(),
        )
    }

    #[test]
    fn edges_are_new_to_old_and_deduplicated() {
        let g = supersession_graph(&fixture());
        let keys: Vec<_> = g.nodes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["d1", "d2", "d3", "d4", "m_17"]);
        let edges: Vec<_> = g
            .edges
            .iter()
            .map(|e| (g.nodes[e.from].id.as_str(), g.nodes[e.to].id.as_str()))
            .collect();
        assert_eq!(edges, [("3", "1"), ("3", "17"), ("4", "3")]);
        let linked = g.linked_only();
        assert_eq!(linked.nodes.len(), 4);
        assert_eq!(linked.edges.len(), 3);
    }

    #[test]
    fn chains_follow_references_that_name_one_decision() {
        let repo = fixture();
        let doc = |path: &str| repo.document(path).expect("fixture");
        let paths = |docs: Vec<&Document>| -> Vec<String> {
            docs.into_iter().map(|d| d.stem().to_string()).collect()
        };
        let four = doc("docs/decisions/0004-drop-the-orm.md");
        assert_eq!(
            paths(chain(&repo, four, Direction::Back)),
            ["0003-use-postgresql", "0001-use-mysql"]
        );
        let one = doc("docs/decisions/0001-use-mysql.md");
        assert_eq!(
            paths(chain(&repo, one, Direction::Forward)),
            ["0003-use-postgresql"]
        );
        let three = doc("docs/decisions/0003-use-postgresql.md");
        let back: Vec<_> = step(
            &repo,
            three.decision().expect("a decision"),
            Direction::Back,
        )
        .into_iter()
        .map(|(r, found)| (r.value.clone(), found.len()))
        .collect();
        assert_eq!(back, [("0001".to_string(), 1), ("17".to_string(), 0)]);
        assert!(resolve_one(&repo, "17").is_none());
    }

    #[test]
    fn mermaid() {
        insta::assert_snapshot!(to_mermaid(&supersession_graph(&fixture())));
    }

    #[test]
    fn dot() {
        insta::assert_snapshot!(to_dot(&supersession_graph(&fixture())));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_dot("a \"b\" \\n"), "a \\\"b\\\" \\\\n");
        assert_eq!(escape_mermaid("a \"b\" <c>\nd"), "a #34;b#34; #60;c#62; d");
    }
}
