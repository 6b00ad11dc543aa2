//! The hub's combined `decisions.json`, and reading one back for `docket check
//! --sources FILE` in a repository.
//!
//! # The combined `decisions.json` (version 1, with additions)
//!
//! The same contract as a handbook's own (`docket-site`'s `pages/feeds.rs`), with
//! two keys added within version 1:
//!
//! - each entry's `source`: the name of the source it comes from (`payments`), or
//!   `null` for the hub's own records;
//! - a top-level `sources`: `[{"name", "site", "read"}]`, every source of the hub
//!   in the order of its docket.toml (`site` its own site or `null`; `read`
//!   whether the hub could read it), so that a source without records is still
//!   known.
//!
//! Entries come in the order of the sources, each source's in its own order. A
//! reader of version 1 that does not know these keys reads the file as before.

use serde::Serialize;
use serde_json::Value;

use docket_model::{Foreign, id_key};

use crate::contract::{DecisionsFile, Entry, KNOWN_VERSION};

use crate::merge::Hub;

#[derive(Serialize)]
struct CombinedSource<'a> {
    name: &'a str,
    site: Option<&'a str>,
    read: bool,
}

/// One entry as written with `source` first: `{"source": "payments", "id": 42, …}`.
fn push_entry(out: &mut String, source: Option<&str>, raw: &str) {
    let source = serde_json::to_string(&source).unwrap_or_else(|_| "null".into());
    let body = raw.trim_start().strip_prefix('{').unwrap_or(raw);
    out.push_str("{\"source\": ");
    out.push_str(&source);
    if !body.trim_start().starts_with('}') {
        out.push_str(", ");
    }
    out.push_str(body.trim_start());
}

/// The combined file: `own` (the hub's own `decisions.json` value) with `source:
/// null` on its entries, then every source's entries as they were written, each
/// with `source` first. Entries are written as their sources wrote them (a
/// source's file is not parsed into a tree and printed again: at 100,000 entries
/// that would cost more than the rest of the merge).
pub fn combined_json(own: Value, hub: &Hub) -> String {
    let sources: Vec<CombinedSource<'_>> = hub
        .sources
        .iter()
        .map(|s| CombinedSource {
            name: &s.name,
            site: s.site.as_deref(),
            read: s.read,
        })
        .collect();
    let own: Vec<String> = own
        .get("decisions")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|e| serde_json::to_string(e).ok())
                .collect()
        })
        .unwrap_or_default();
    let size: usize = hub
        .entries
        .iter()
        .map(|e| e.raw.as_ref().map_or(64, |r| r.get().len() + 32))
        .sum();
    let mut out = String::with_capacity(size + 4096);
    out.push_str(&format!("{{\"version\": {KNOWN_VERSION},\n\"sources\": "));
    out.push_str(&serde_json::to_string(&sources).unwrap_or_else(|_| "[]".into()));
    out.push_str(",\n\"decisions\": [");
    let mut first = true;
    let mut sep = |out: &mut String| {
        out.push_str(if first { "\n" } else { ",\n" });
        first = false;
    };
    for raw in &own {
        sep(&mut out);
        push_entry(&mut out, None, raw);
    }
    for e in &hub.entries {
        sep(&mut out);
        let raw = match &e.raw {
            Some(r) => r.get().to_string(),
            None => serde_json::to_string(e).unwrap_or_else(|_| "{}".into()),
        };
        // An entry that names its source already (a hub's own combined file read
        // as a source) keeps it.
        match e.raw.as_ref().map(|r| r.get()).filter(|_| has_source(e)) {
            Some(r) => out.push_str(r),
            None => push_entry(&mut out, e.source.as_deref(), &raw),
        }
    }
    out.push_str("\n]}\n");
    out
}

/// Whether the entry as written has a `source` key of its own.
fn has_source(e: &Entry) -> bool {
    e.raw.as_ref().is_some_and(|r| {
        r.get().contains("\"source\"")
            && serde_json::from_str::<SourceKey>(r.get()).is_ok_and(|k| k.source.is_some())
    })
}

#[derive(serde::Deserialize)]
struct SourceKey {
    #[serde(default)]
    source: Option<String>,
}

/// What a combined file (`docket check --sources FILE`) says about other
/// handbooks' records: ids per source, and their pages (on the source's own site
/// where the file names one; otherwise none, since the hub's site address is
/// not in the file). `origin` names the file in messages.
pub fn foreign_of(file: &DecisionsFile, origin: &str) -> Foreign {
    let mut foreign = Foreign {
        given: true,
        origin: origin.to_string(),
        ..Foreign::default()
    };
    for s in &file.sources {
        foreign.ids.entry(s.name.clone()).or_default();
    }
    for e in &file.decisions {
        let Some(source) = &e.source else { continue };
        let ids = foreign.ids.entry(source.clone()).or_default();
        ids.insert(id_key(&e.reference()));
        ids.insert(id_key(e.stem()));
        let site = file
            .sources
            .iter()
            .find(|s| &s.name == source)
            .and_then(|s| s.site.as_deref());
        if let (Some(site), Some(url)) = (site, &e.url) {
            let urls = foreign.urls.entry(source.clone()).or_default();
            urls.insert(id_key(&e.reference()), format!("{site}{url}"));
            urls.insert(id_key(e.stem()), format!("{site}{url}"));
        }
    }
    foreign
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::read_text;
    use crate::merge::{Loaded, merge};
    use docket_model::{ForeignTarget, SourceConfig, SourceOrigin};

    #[test]
    fn a_combined_file_reads_back_as_the_index_of_other_handbooks() {
        let inputs = vec![(
            SourceConfig {
                name: "other".into(),
                origin: SourceOrigin::Json("o.json".into()),
                site: Some("https://other.example/".into()),
                range: 0..0,
            },
            Loaded::Json {
                file: "o.json".into(),
                text: r#"{"version": 1, "decisions": [{"id": 41, "path": "docs/decisions/0041-x.md", "url": "decisions/0041-x.html"}]}"#.into(),
            },
        )];
        let (hub, _) = merge(inputs, Vec::new());
        let own = serde_json::json!({"version": 1, "decisions": [{"id": 1, "title": "Own"}]});
        let text = combined_json(own, &hub);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["decisions"][0]["source"], Value::Null);
        assert_eq!(value["decisions"][1]["source"], "other");
        assert_eq!(value["sources"][0]["name"], "other");
        let foreign = foreign_of(&read_text(&text).unwrap(), "`hub.json`");
        assert_eq!(foreign.resolve("other", "0041"), ForeignTarget::Found);
        assert_eq!(foreign.resolve("other", "0042"), ForeignTarget::NoRecord);
        assert_eq!(
            foreign.url_of("other:41"),
            Some("https://other.example/decisions/0041-x.html")
        );
    }
}
