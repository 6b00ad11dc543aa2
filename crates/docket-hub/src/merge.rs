//! The merge: every source's entries in one index (each entry carrying its
//! source), the rosters joined by id, and one finding per source that cannot be
//! used. Sources are read in parallel; the order of the result is the order of
//! docket.toml, then each source's own order, so the same inputs give the same
//! index.

use std::collections::BTreeMap;
use std::ops::Range;

use docket_model::{
    Foreign, ForeignRef, ParseProblem, Problem, SourceConfig, SourceOrigin, id_key, split_reference,
};
use rayon::prelude::*;
use serde_json::Value;

use crate::contract::{Entry, ReadError, read_text, read_value};

/// A person of a source's roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterPerson {
    /// The roster id.
    pub id: String,
    /// The name.
    pub name: Option<String>,
    /// The IANA time zone.
    pub timezone: Option<String>,
}

/// What the driver read for one source.
#[derive(Debug)]
pub enum Loaded {
    /// A published `decisions.json`: the file as written (hub-relative, for
    /// findings) and its text.
    Json {
        /// The file, as findings name it.
        file: String,
        /// Its text.
        text: String,
    },
    /// A local checkout: its `decisions.json` as `docket-site` writes it, and its
    /// roster.
    Handbook {
        /// The `decisions.json` value.
        value: Value,
        /// The roster.
        people: Vec<RosterPerson>,
    },
    /// The source could not be read: why (one finding).
    Failed(String),
}

/// One source of a hub, after the merge.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its name (the prefix of its ids).
    pub name: String,
    /// Its own site, when given: the hub links there instead of writing pages.
    pub site: Option<String>,
    /// `path` or `json` as written in docket.toml.
    pub origin: String,
    /// Its entries in [`Hub::entries`].
    pub entries: Range<usize>,
    /// Whether it could be read (a source left out has no entries).
    pub read: bool,
    /// Where docket.toml names it.
    pub name_range: Range<usize>,
}

impl Source {
    /// Where docket.toml names it, for findings.
    pub fn range(&self) -> Range<usize> {
        self.name_range.clone()
    }
}

/// A person across the sources' rosters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubPerson {
    /// The roster id.
    pub id: String,
    /// The name the first roster gives.
    pub name: Option<String>,
    /// The time zone the first roster gives.
    pub timezone: Option<String>,
    /// The sources whose roster lists the person (`""` for the hub's own).
    pub sources: Vec<String>,
}

/// The organisation's index.
#[derive(Debug, Default)]
pub struct Hub {
    /// The sources, in the order of docket.toml.
    pub sources: Vec<Source>,
    /// Every entry, each with `source` set, source by source.
    pub entries: Vec<Entry>,
    /// Every person of a roster, by id.
    pub people: Vec<HubPerson>,
    /// One finding per source problem and roster conflict.
    pub problems: Vec<ParseProblem>,
}

/// The file findings about sources point into.
pub const CONFIG_FILE: &str = "docket.toml";

/// Merges the sources. `own` is the hub's own roster (its people are joined
/// first, under the source name `""`).
pub fn merge(inputs: Vec<(SourceConfig, Loaded)>, own: Vec<RosterPerson>) -> (Hub, Foreign) {
    let mut foreign = Foreign {
        given: true,
        origin: "the hub's sources".to_string(),
        ..Foreign::default()
    };
    let read: Vec<_> = inputs
        .into_par_iter()
        .map(|(config, loaded)| {
            let result = match loaded {
                Loaded::Json { file, text } => match read_text(&text) {
                    Ok(f) => Ok((f.decisions, Vec::new())),
                    Err(e) => Err(Failure::File {
                        file,
                        text,
                        error: e,
                    }),
                },
                Loaded::Handbook { value, people } => match read_value(value) {
                    Ok(f) => Ok((f.decisions, people)),
                    Err(e) => Err(Failure::Message(
                        e.describe(&config.name, "its decisions.json"),
                    )),
                },
                Loaded::Failed(why) => Err(Failure::Message(why)),
            };
            (config, result)
        })
        .collect();
    let mut hub = Hub::default();
    let mut rosters: Vec<(String, Range<usize>, Vec<RosterPerson>)> =
        vec![(String::new(), 0..0, own)];
    for (config, result) in read {
        let origin = match &config.origin {
            SourceOrigin::Path(p) | SourceOrigin::Json(p) => p.clone(),
        };
        let start = hub.entries.len();
        let ok = match result {
            Ok((entries, people)) => {
                let ids = foreign.ids.entry(config.name.clone()).or_default();
                for mut e in entries {
                    ids.insert(id_key(&e.reference()));
                    if !e.stem().is_empty() {
                        ids.insert(id_key(e.stem()));
                    }
                    e.source = Some(config.name.clone());
                    hub.entries.push(e);
                }
                rosters.push((config.name.clone(), config.range.clone(), people));
                true
            }
            Err(Failure::Message(message)) => {
                hub.problems
                    .push(problem(CONFIG_FILE, config.range.clone(), message));
                false
            }
            Err(Failure::File { file, text, error }) => {
                let at = error.offset(&text);
                hub.problems
                    .push(problem(&file, at..at, error.describe(&config.name, &file)));
                foreign.texts.insert(file, text);
                false
            }
        };
        hub.sources.push(Source {
            name: config.name.clone(),
            site: config.site.clone(),
            origin,
            entries: start..hub.entries.len(),
            read: ok,
            name_range: config.range.clone(),
        });
        // References to other sources written in this one's records.
        for e in &hub.entries[start..] {
            let written = e.supersedes.iter().map(|v| ("supersedes", v)).chain(
                e.superseded_by_list()
                    .into_iter()
                    .map(|v| ("superseded_by", v)),
            );
            for (key, v) in written {
                if let Some(target) = v.as_str().filter(|t| split_reference(t).is_some()) {
                    foreign.refs.push(ForeignRef {
                        source: config.name.clone(),
                        from: e.reference(),
                        key,
                        target: target.to_string(),
                        file: CONFIG_FILE.to_string(),
                        range: config.range.clone(),
                    });
                }
            }
        }
    }
    foreign.supersession = supersession(&hub);
    let (people, conflicts) = join_rosters(rosters);
    hub.people = people;
    hub.problems.extend(conflicts);
    for s in &hub.sources {
        let urls = foreign.urls.entry(s.name.clone()).or_default();
        for e in &hub.entries[s.entries.clone()] {
            let url = page_of(s, e);
            urls.insert(id_key(&e.reference()), url.clone());
            urls.insert(id_key(e.stem()), url);
        }
    }
    (hub, foreign)
}

/// Supersession between two sources recorded on one side only: `a` supersedes
/// `T:id` but that record's `superseded_by` does not name `a` back, or the other
/// way round. References that name no record are `broken-reference`'s.
fn supersession(hub: &Hub) -> Vec<docket_model::ForeignFinding> {
    let mut at: std::collections::HashMap<(&str, String), usize> = std::collections::HashMap::new();
    for s in &hub.sources {
        for i in s.entries.clone() {
            at.insert((s.name.as_str(), id_key(&hub.entries[i].reference())), i);
        }
    }
    let names_back = |list: Vec<&Value>, source: &str, e: &Entry| {
        list.iter().any(|v| {
            v.as_str()
                .and_then(split_reference)
                .is_some_and(|(s, id)| s == source && id_key(id) == id_key(&e.reference()))
        })
    };
    let mut out = Vec::new();
    for s in &hub.sources {
        for e in &hub.entries[s.entries.clone()] {
            let sides = [
                (
                    "supersedes",
                    e.supersedes.iter().collect::<Vec<_>>(),
                    "superseded_by",
                ),
                ("superseded_by", e.superseded_by_list(), "supersedes"),
            ];
            for (key, refs, back) in sides {
                for v in refs {
                    let Some((target, id)) = v.as_str().and_then(split_reference) else {
                        continue;
                    };
                    let Some(&t) = at.get(&(target, id_key(id))) else {
                        continue;
                    };
                    let other = &hub.entries[t];
                    let list = match back {
                        "superseded_by" => other.superseded_by_list(),
                        _ => other.supersedes.iter().collect(),
                    };
                    if !names_back(list, &s.name, e) {
                        out.push(docket_model::ForeignFinding {
                            file: CONFIG_FILE.to_string(),
                            range: s.range(),
                            message: format!(
                                "source `{}`: record `{}` has `{key}` naming `{target}:{id}`, but that record's `{back}` does not name `{}:{}`",
                                s.name,
                                e.reference(),
                                s.name,
                                e.reference()
                            ),
                            help: format!(
                                "record supersession on both sides: add `{}:{}` to `{back}` of `{target}:{id}` in {target}, or remove this reference",
                                s.name,
                                e.reference()
                            ),
                        });
                    }
                }
            }
        }
    }
    out
}

enum Failure {
    Message(String),
    File {
        file: String,
        text: String,
        error: ReadError,
    },
}

fn problem(file: &str, range: Range<usize>, message: String) -> ParseProblem {
    ParseProblem::new(Problem::HubSource, file, range, message)
}

/// The rosters joined by id, with a finding for each id that two rosters give a
/// different name or time zone.
fn join_rosters(
    rosters: Vec<(String, Range<usize>, Vec<RosterPerson>)>,
) -> (Vec<HubPerson>, Vec<ParseProblem>) {
    let mut people: BTreeMap<String, HubPerson> = BTreeMap::new();
    let mut problems = Vec::new();
    let shown = |s: &str| {
        if s.is_empty() {
            "the hub".to_string()
        } else {
            format!("`{s}`")
        }
    };
    for (source, range, list) in rosters {
        for p in list {
            match people.get_mut(&p.id) {
                None => {
                    people.insert(
                        p.id.clone(),
                        HubPerson {
                            id: p.id,
                            name: p.name,
                            timezone: p.timezone,
                            sources: vec![source.clone()],
                        },
                    );
                }
                Some(known) => {
                    let differs = |a: &Option<String>, b: &Option<String>| {
                        a.is_some() && b.is_some() && a != b
                    };
                    if differs(&known.name, &p.name) || differs(&known.timezone, &p.timezone) {
                        let first = known.sources.first().map_or("", String::as_str);
                        let say = |name: &Option<String>, tz: &Option<String>| {
                            format!(
                                "{} ({})",
                                name.as_deref().unwrap_or("no name"),
                                tz.as_deref().unwrap_or("no time zone")
                            )
                        };
                        problems.push(
                            ParseProblem::new(
                                Problem::RosterConflict,
                                CONFIG_FILE,
                                range.clone(),
                                format!(
                                    "roster id `{}`: {} has {}, but {} has {}",
                                    p.id,
                                    shown(first),
                                    say(&known.name, &known.timezone),
                                    shown(&source),
                                    say(&p.name, &p.timezone)
                                ),
                            )
                            .with_help(
                                "correct the stale roster, or give the two people different ids",
                            ),
                        );
                    }
                    if known.name.is_none() {
                        known.name = p.name;
                    }
                    if known.timezone.is_none() {
                        known.timezone = p.timezone;
                    }
                    if !known.sources.contains(&source) {
                        known.sources.push(source.clone());
                    }
                }
            }
        }
    }
    (people.into_values().collect(), problems)
}

/// Where the hub shows the page of `e` of source `s`: the source's own site when
/// it has one, else the hub's page ([`hub_page`]).
pub fn page_of(s: &Source, e: &Entry) -> String {
    match (&s.site, &e.url) {
        (Some(site), Some(url)) => format!("{site}{url}"),
        _ => hub_page(&s.name, e),
    }
}

/// The hub's own page of an entry, relative to the site root:
/// `org/<source>/<file stem>.html` (stems are unique within a source; a kind of
/// the team's own may share a stem with a decision, so its kind prefixes it).
pub fn hub_page(source: &str, e: &Entry) -> String {
    let stem: String = e
        .stem()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = if stem.is_empty() {
        id_key(&e.reference()).replace('/', "-")
    } else {
        stem
    };
    match e.kind.as_deref() {
        Some(k) if k != "decision" => format!("org/{source}/{k}-{stem}.html"),
        _ => format!("org/{source}/{stem}.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(name: &str, json: &str, at: usize) -> SourceConfig {
        SourceConfig {
            name: name.into(),
            origin: SourceOrigin::Json(json.into()),
            site: None,
            range: at..at + name.len(),
        }
    }

    fn json(file: &str, text: &str) -> Loaded {
        Loaded::Json {
            file: file.into(),
            text: text.into(),
        }
    }

    #[test]
    fn bad_sources_are_findings_and_the_rest_merges() {
        let good = r#"{"version": 1, "decisions": [{"id": 42, "title": "Retries", "path": "docs/decisions/0042-retries.md", "url": "decisions/0042-retries.html", "supersedes": ["b:1"]}]}"#;
        let inputs = vec![
            (config("a", "a.json", 10), json("a.json", good)),
            (
                config("b", "b.json", 40),
                json("b.json", "{\"version\": 9}"),
            ),
            (
                config("c", "c.json", 70),
                json("c.json", "{\"version\": 1,\n\"decisions\": [}"),
            ),
            (
                config("d", "d", 90),
                Loaded::Failed("source `d`: `d` is not a folder".into()),
            ),
        ];
        let (hub, foreign) = merge(inputs, Vec::new());
        assert_eq!(hub.entries.len(), 1);
        assert_eq!(hub.entries[0].source.as_deref(), Some("a"));
        let found: Vec<(String, usize, String)> = hub
            .problems
            .iter()
            .map(|p| (p.file.clone(), p.range.start, p.message.clone()))
            .collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].2.contains("version 9"), "{found:#?}");
        assert_eq!(found[1].0, "c.json");
        assert!(found[2].2.contains("not a folder"));
        assert!(foreign.ids["a"].contains("42"));
        assert!(foreign.ids["a"].contains("0042-retries"));
        assert_eq!(foreign.refs.len(), 1);
        assert_eq!(foreign.url_of("a:0042"), Some("org/a/0042-retries.html"));
    }

    #[test]
    fn rosters_join_by_id_and_conflicts_are_findings() {
        let person = |id: &str, name: &str, tz: &str| RosterPerson {
            id: id.into(),
            name: Some(name.into()),
            timezone: Some(tz.into()),
        };
        let handbook = |people| Loaded::Handbook {
            value: serde_json::json!({"version": 1, "decisions": []}),
            people,
        };
        let inputs = vec![
            (
                config("a", "a", 0),
                handbook(vec![person("alice", "Alice", "Europe/Berlin")]),
            ),
            (
                config("b", "b", 20),
                handbook(vec![person("alice", "Alice", "America/New_York")]),
            ),
        ];
        let (hub, _) = merge(inputs, vec![person("bob", "Bob", "UTC")]);
        assert_eq!(hub.people.len(), 2);
        assert_eq!(hub.people[0].sources, ["a", "b"]);
        assert_eq!(hub.problems.len(), 1);
        assert_eq!(hub.problems[0].rule, Problem::RosterConflict);
        assert_eq!(hub.problems[0].range, 20..21);
        assert!(hub.problems[0].message.contains("America/New_York"));
    }
}
