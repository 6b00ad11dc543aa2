//! `docket.toml` (SPEC §8). A missing file means defaults; an unknown key or a bad
//! value is a [`ConfigError`] with the byte range of the offending text, which the
//! command line turns into exit 2 with the line.

use std::collections::BTreeMap;
use std::ops::Range;

use docket_diagnostics::Severity;
use serde::Deserialize;

use crate::Kind;
use crate::root::HandbookRoot;
use crate::template::Templates;

/// The parsed configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The handbook root, relative to the repository root (default `docs`).
    pub root: HandbookRoot,
    /// Whether docket.toml sets `root` (the driver looks for existing decision
    /// folders such as `doc/adr` only when it does not).
    pub root_explicit: bool,
    /// Where docket.toml sets `root` (the key's byte range), for messages about it.
    pub root_range: Option<Range<usize>>,
    /// Top-level `exclude`: repository-relative globs of files that are never read.
    pub exclude: Exclude,
    /// `[site]`.
    pub site: SiteConfig,
    /// `[rules]`: rule id → severity (`None` = off), with the byte range of the key.
    pub rules: Vec<RuleSetting>,
    /// `[kinds.<kind>]`.
    pub kinds: BTreeMap<Kind, KindConfig>,
    /// The templates documents are compared with (text left as a template wrote
    /// it is no content): the built-in ones, and the team's own
    /// `templates/new/KIND.md`, which the driver adds (not docket.toml).
    pub templates: Templates,
}

/// One line of `[rules]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    /// The rule id as written.
    pub rule: String,
    /// The severity, or `None` for `off`.
    pub severity: Option<Severity>,
    /// Where the key is in docket.toml, for "unknown rule" errors.
    pub range: Range<usize>,
}

/// `[site]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title.
    pub title: Option<String>,
    /// Absolute base URL for the sitemap and feed.
    pub base_url: Option<String>,
    /// Repository URL for commit and edit links.
    pub repo_url: Option<String>,
}

/// How decision ids are formed (SPEC §9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdScheme {
    /// The number that starts the file name (`0042-x.md` → 42).
    #[default]
    Number,
    /// The file stem (log4brains' `20201231-x.md`).
    Stem,
}

/// `[kinds.<kind>]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindConfig {
    /// Folder (or file, for charter, people and meetings) relative to the handbook root.
    pub path: Option<String>,
    /// Extra required front-matter keys; they also become known keys.
    #[serde(default)]
    pub required: Vec<String>,
    /// Decision id scheme.
    pub id: Option<IdScheme>,
}

/// The `exclude` globs of docket.toml, compiled once: repository-relative,
/// `/`-separated, `*` stays inside one folder and `**` crosses folders
/// (`docs/legacy/**`, `**/draft-*.md`).
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    patterns: Vec<String>,
    set: globset::GlobSet,
}

impl Exclude {
    /// Compiles `patterns`; the error names the first glob that is not valid and why.
    pub fn new(patterns: Vec<String>) -> Result<Self, (usize, String)> {
        let mut builder = globset::GlobSetBuilder::new();
        for (i, pattern) in patterns.iter().enumerate() {
            // Repository-relative however it is written: `./docs/x/**` and
            // `/docs/x/**` (anchored, as in `.gitignore`) are `docs/x/**`.
            let relative = pattern.trim_start_matches("./").trim_start_matches('/');
            let glob = globset::GlobBuilder::new(relative)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| (i, e.kind().to_string()))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| (0, e.to_string()))?;
        Ok(Self { patterns, set })
    }

    /// Whether the repository-relative path `path` is excluded.
    pub fn is_match(&self, path: &str) -> bool {
        !self.patterns.is_empty() && self.set.is_match(path)
    }

    /// The globs as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// Two sets of globs are the same when they are written the same.
impl PartialEq for Exclude {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Eq for Exclude {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    root: Option<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    #[serde(default)]
    site: SiteConfig,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    kinds: BTreeMap<String, KindConfig>,
}

/// A problem in docket.toml.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// Byte range in docket.toml.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            root: HandbookRoot::new("docs").unwrap_or_default(),
            root_explicit: false,
            root_range: None,
            exclude: Exclude::default(),
            site: SiteConfig::default(),
            rules: Vec::new(),
            kinds: BTreeMap::new(),
            templates: Templates::default(),
        }
    }
}

impl Config {
    /// Parses docket.toml text.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: Raw = toml::from_str(text).map_err(|e| ConfigError {
            range: e.span().unwrap_or(0..0),
            message: e.message().trim().to_string(),
        })?;
        let root_explicit = raw.root.is_some();
        let root_range = root_explicit.then(|| find_key(text, "root"));
        let patterns = raw.exclude.iter().map(|g| g.get_ref().clone()).collect();
        let exclude = Exclude::new(patterns).map_err(|(i, message)| {
            let (range, glob) = raw
                .exclude
                .get(i)
                .map_or((0..0, ""), |g| (g.span(), g.get_ref().as_str()));
            ConfigError {
                range,
                message: format!(
                    "`exclude` glob `{glob}` is not valid: {message}; globs are repository-relative, such as `docs/legacy/**` or `**/draft-*.md`"
                ),
            }
        })?;
        let written = raw
            .root
            .map_or_else(|| "docs".to_string(), |r| r.into_inner());
        let Some(root) = HandbookRoot::new(&written) else {
            return Err(ConfigError {
                range: find_key(text, "root"),
                message: format!("`root = \"{written}\"` must be a folder inside the repository"),
            });
        };
        let mut rules = Vec::new();
        for (rule, severity) in raw.rules {
            let range = find_key(text, &rule);
            let severity = match severity.as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    return Err(ConfigError {
                        range,
                        message: format!(
                            "severity `{other}` of rule `{rule}` is not one of `error`, `warning`, `info`, `off`"
                        ),
                    });
                }
            };
            rules.push(RuleSetting {
                rule,
                severity,
                range,
            });
        }
        let mut kinds = BTreeMap::new();
        for (name, kind_config) in raw.kinds {
            let Some(kind) = Kind::from_name(&name) else {
                return Err(ConfigError {
                    range: find_key(text, &format!("kinds.{name}")),
                    message: format!(
                        "unknown kind `{name}` in `[kinds]`; expected one of {}",
                        Kind::ALL
                            .iter()
                            .map(|k| format!("`{}`", k.name()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            };
            kinds.insert(kind, kind_config);
        }
        Ok(Config {
            root,
            root_explicit,
            root_range,
            exclude,
            site: raw.site,
            rules,
            kinds,
            templates: Templates::default(),
        })
    }

    /// The configured path of a kind (folder or file), relative to the handbook root,
    /// normalised like the root: `"."`, `"./"` and `""` are the handbook root itself
    /// (an empty string), `"./adr/"` is `adr`.
    pub fn kind_path(&self, kind: Kind) -> String {
        match self.kinds.get(&kind).and_then(|k| k.path.as_deref()) {
            Some(p) => HandbookRoot::new(p)
                .map(|r| r.as_str().to_string())
                .unwrap_or_else(|| p.trim_matches('/').to_string()),
            None => kind.default_path().to_string(),
        }
    }

    /// Whether docket.toml names a folder for `kind` (`[kinds.decision] path`).
    pub fn has_kind_path(&self, kind: Kind) -> bool {
        self.kinds.get(&kind).is_some_and(|k| k.path.is_some())
    }

    /// Extra required keys for a kind.
    pub fn extra_required(&self, kind: Kind) -> &[String] {
        self.kinds.get(&kind).map_or(&[], |k| k.required.as_slice())
    }

    /// The decision id scheme.
    pub fn id_scheme(&self) -> IdScheme {
        self.kinds
            .get(&Kind::Decision)
            .and_then(|k| k.id)
            .unwrap_or_default()
    }
}

/// The range of the first line that sets `key` (as `key =` or `[key]`), for errors
/// that toml's own spans do not cover.
fn find_key(text: &str, key: &str) -> Range<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let bare = t.trim_start_matches('[').trim_start_matches('"');
        if let Some(rest) = bare.strip_prefix(key) {
            let rest = rest.trim_start_matches('"').trim_start();
            if rest.starts_with('=') || rest.starts_with(']') {
                let start = offset + indent + (t.len() - bare.len());
                return start..start + key.len();
            }
        }
        offset += line.len();
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let c = Config::parse("root = \"handbook\"\n[rules]\nunknown-field = \"error\"\nreplaceable-meeting = \"off\"\n[kinds.decision]\npath = \"adr\"\nrequired = [\"area\"]\n")
            .unwrap_or_default();
        assert_eq!(c.root, "handbook");
        assert_eq!(c.rules.len(), 2);
        assert_eq!(c.kind_path(Kind::Decision), "adr");
        assert_eq!(c.kind_path(Kind::Brief), "briefs");
        assert_eq!(c.extra_required(Kind::Decision), ["area".to_string()]);
    }

    #[test]
    fn unknown_key_has_a_position() {
        let text = "root = \"docs\"\n[site]\ntitel = \"x\"\n";
        let err = Config::parse(text).unwrap_err();
        assert!(err.message.contains("titel"), "{err:?}");
        assert_eq!(&text[err.range.clone()], "titel");
    }

    #[test]
    fn exclude_globs_are_repository_relative() {
        let c = Config::parse("exclude = [\"docs/legacy/**\", \"**/draft-*.md\"]\n").unwrap();
        assert!(c.exclude.is_match("docs/legacy/a.md"));
        assert!(c.exclude.is_match("docs/legacy/deep/b.md"));
        assert!(c.exclude.is_match("docs/decisions/draft-x.md"));
        assert!(c.exclude.is_match("draft-x.md"));
        assert!(!c.exclude.is_match("docs/legacy.md"));
        assert!(!c.exclude.is_match("docs/decisions/0001-draft-x.md"));
        assert!(!Config::default().exclude.is_match("anything.md"));
        let c = Config::parse("exclude = [\"./docs/a/**\", \"/b.md\"]\n").unwrap();
        assert!(c.exclude.is_match("docs/a/x.md") && c.exclude.is_match("b.md"));
        assert!(!c.exclude.is_match("docs/b.md"));
    }

    #[test]
    fn an_invalid_glob_points_at_itself() {
        let text = "root = \"docs\"\nexclude = [\n  \"ok/**\",\n  \"docs/[oops\",\n]\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(&text[err.range.clone()], "\"docs/[oops\"");
        assert!(err.message.contains("`docs/[oops`"), "{err:?}");
    }

    #[test]
    fn a_kind_path_of_dot_is_the_handbook_root() {
        for p in [".", "", "./", "/"] {
            let text = format!("[kinds.decision]\npath = \"{p}\"\n");
            let c = Config::parse(&text).unwrap();
            assert_eq!(c.kind_path(Kind::Decision), "", "{p:?}");
            assert!(c.has_kind_path(Kind::Decision));
        }
        let c = Config::parse("[kinds.decision]\npath = \"./adr/\"\n").unwrap();
        assert_eq!(c.kind_path(Kind::Decision), "adr");
        assert!(!Config::default().has_kind_path(Kind::Decision));
    }

    #[test]
    fn bad_severity() {
        let text = "[rules]\nmissing-field = \"loud\"\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(&text[err.range.clone()], "missing-field");
    }
}
