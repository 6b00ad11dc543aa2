//! `docket.toml` (SPEC §8). A missing file means defaults. Every unknown key and bad
//! value is a [`ConfigError`] with the byte range of the offending text and, when
//! docket can tell, the key or value meant ([`crate::suggest`]); the command line
//! shows them all like findings and exits 2. The file is read with toml_edit, which
//! keeps the position of every key and value, so that reading goes on after a
//! mistake (serde's `deny_unknown_fields` stops at the first).

use std::collections::BTreeMap;
use std::ops::Range;

use docket_diagnostics::Severity;
use toml_edit::{Item, Key, TableLike};

use crate::foreign::{SourceConfig, SourceOrigin, SourceProblem};
use crate::kind::FieldSpec;
use crate::kind::{Kind, StatusCategory, intern, intern_list};
use crate::record_kind::{FolderMatch, match_folder};
pub use crate::record_kind::{IdScheme, KindConfig, Role};
use crate::root::HandbookRoot;
use crate::suggest;
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
    /// `[limits]`.
    pub limits: Limits,
    /// `[forge]`: the pull-request export (issue 18).
    pub forge: ForgeConfig,
    /// Settings left to be filled in, for the command line to remind about.
    pub notes: Vec<ConfigNote>,
    /// The templates documents are compared with (text left as a template wrote
    /// it is no content): the built-in ones, and the team's own
    /// `templates/new/KIND.md`, which the driver adds (not docket.toml).
    pub templates: Templates,
    /// `[[sources]]`: the other handbooks a hub merges (issue 16), in the order
    /// written, the usable ones only.
    pub sources: Vec<SourceConfig>,
    /// `[[sources]]` entries that cannot be used (a duplicate name, both or neither
    /// of `path` and `json`): findings of the hub, not mistakes that stop it.
    pub source_problems: Vec<SourceProblem>,
    /// `[check] sources`: a combined `decisions.json` that `SOURCE:ID` references
    /// are checked against (the command line's `--sources` wins), with its range.
    pub check_sources: Option<(String, Range<usize>)>,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteConfig {
    /// The site's title.
    pub title: Option<String>,
    /// Absolute base URL for the sitemap and feed.
    pub base_url: Option<String>,
    /// Repository URL for commit and edit links.
    pub repo_url: Option<String>,
    /// How many open decisions the home page lists, nearest deadline first
    /// (`home_open_decisions`; `None` means [`SiteConfig::DEFAULT_HOME_OPEN_DECISIONS`]).
    pub home_open_decisions: Option<usize>,
    /// How many rows each numbered page of an index holds (`page_size`; `None`
    /// means [`SiteConfig::DEFAULT_PAGE_SIZE`]).
    pub page_size: Option<usize>,
}

impl SiteConfig {
    /// The home page's open decisions when docket.toml does not say.
    pub const DEFAULT_HOME_OPEN_DECISIONS: usize = 10;

    /// How many open decisions the home page lists.
    pub fn home_open_decisions(&self) -> usize {
        self.home_open_decisions
            .unwrap_or(Self::DEFAULT_HOME_OPEN_DECISIONS)
    }

    /// The rows of an index page when docket.toml does not say.
    pub const DEFAULT_PAGE_SIZE: usize = 100;

    /// How many rows each page of an index (decisions, briefs, updates, people)
    /// holds; at least 1.
    pub fn page_size(&self) -> usize {
        self.page_size.unwrap_or(Self::DEFAULT_PAGE_SIZE).max(1)
    }
}

/// `[forge]`: where the pull-request export is and which logins are bots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForgeConfig {
    /// `pulls`: the export's path, relative to the repository root, with the byte
    /// range of its value in docket.toml.
    pub pulls: Option<(String, Range<usize>)>,
    /// `bots`: login patterns (`*` for any run of characters) whose comments and
    /// reviews are no reply; default `["*[bot]"]`.
    pub bots: Vec<String>,
}

impl Default for ForgeConfig {
    fn default() -> Self {
        Self {
            pulls: None,
            bots: crate::forge::DEFAULT_BOTS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

/// `[limits]`: how much docket reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file docket reads, in bytes (`max_document_bytes`; default
    /// [`Limits::DEFAULT_MAX_DOCUMENT_BYTES`]). A larger one is not read or parsed:
    /// it is an `unreadable-file` finding that gives its size and the limit.
    pub max_document_bytes: u64,
}

impl Limits {
    /// 10 MB: far beyond any document a person writes (the largest decision
    /// records in the shared corpora are tens of KB), small enough that a file
    /// committed by mistake (a log, a data dump) costs no memory or time.
    pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 10_000_000;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
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

/// A mistake in docket.toml: where it is, what is wrong, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// Byte range in docket.toml.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to write instead (`did you mean `title`?`), when docket can tell.
    pub help: Option<String>,
}

/// A setting docket.toml leaves to be filled in, such as `repo_url = ""` as `docket
/// init` writes it when it cannot know the address: not a mistake, but the command
/// line reminds about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigNote {
    /// Byte range in docket.toml.
    pub range: Range<usize>,
    /// What is unset and what follows from it.
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
            limits: Limits::default(),
            forge: ForgeConfig::default(),
            notes: Vec::new(),
            templates: Templates::default(),
            sources: Vec::new(),
            source_problems: Vec::new(),
            check_sources: None,
        }
    }
}

/// The keys docket.toml knows, per table.
const TOP_KEYS: &[&str] = &[
    "root", "exclude", "site", "rules", "kinds", "limits", "forge", "sources", "check",
];
const FORGE_KEYS: &[&str] = &["pulls", "bots"];
const SOURCE_KEYS: &[&str] = &["name", "path", "json", "site"];
const CHECK_KEYS: &[&str] = &["sources"];
const SITE_KEYS: &[&str] = &[
    "title",
    "base_url",
    "repo_url",
    "home_open_decisions",
    "page_size",
];
const LIMITS_KEYS: &[&str] = &["max_document_bytes"];
const KIND_KEYS: &[&str] = &[
    "path",
    "title",
    "id",
    "fields",
    "required",
    "optional",
    "not_required",
    "references",
    "statuses",
    "deadline",
    "facets",
];
const ROLES: &[&str] = &["title", "owner", "date", "status", "deadline"];
const CATEGORIES: &[&str] = &["open", "decided", "closed", "superseded"];
/// The values of a severity in `[rules]`.
const SEVERITIES: &[&str] = &["error", "warning", "info", "off"];
const ID_SCHEMES: &[&str] = &["number", "stem", "a front-matter key"];

impl Config {
    /// Parses docket.toml text. Every mistake is reported, in the order of the file
    /// (SPEC §8: an unknown key is an error with its line); only a TOML syntax error
    /// stops the reading, as one mistake, since nothing after it can be read.
    pub fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
        let (config, errors) = Config::read(text);
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// Like [`Config::parse`], but also returns what could be read despite the
    /// mistakes, so that a caller can add its own (the driver's unknown rule ids).
    pub fn read(text: &str) -> (Config, Vec<ConfigError>) {
        let doc = match toml_edit::ImDocument::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                let error = ConfigError {
                    range: e.span().unwrap_or(0..0),
                    message: e.message().trim().to_string(),
                    help: None,
                };
                return (Config::default(), vec![error]);
            }
        };
        let mut r = Reader::default();
        let mut config = Config::default();
        let top = doc.as_table();
        for (key, item) in top.iter() {
            let key_range = span(top.key(key).and_then(Key::span));
            match key {
                "root" => r.root(item, key_range, &mut config),
                "exclude" => config.exclude = r.exclude(item),
                "site" => r.site(item, &mut config),
                "rules" => config.rules = r.rules(item),
                "kinds" => config.kinds = r.kinds(item),
                "limits" => r.limits(item, &mut config),
                "forge" => r.forge(item, &mut config),
                "sources" => r.sources(item, &mut config),
                "check" => r.check(item, &mut config),
                other => r.unknown_key(key_range, other, None, TOP_KEYS),
            }
        }
        r.errors.sort_by_key(|e| e.range.start);
        (config, r.errors)
    }

    /// The configured path of a kind (folder or file), relative to the handbook root,
    /// normalised like the root: `"."`, `"./"` and `""` are the handbook root itself
    /// (an empty string), `"./adr/"` is `adr`.
    pub fn kind_path(&self, kind: Kind) -> String {
        match self.kinds.get(&kind).and_then(|k| k.path.as_deref()) {
            Some(p) => normalise(p),
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
        self.id_scheme_of(Kind::Decision)
    }

    /// How the ids of `kind`'s records are formed.
    pub fn id_scheme_of(&self, kind: Kind) -> IdScheme {
        self.kinds.get(&kind).and_then(|k| k.id).unwrap_or_default()
    }

    /// What docket.toml says about `kind` (defaults when nothing).
    pub fn kind_config(&self, kind: Kind) -> std::borrow::Cow<'_, KindConfig> {
        match self.kinds.get(&kind) {
            Some(k) => std::borrow::Cow::Borrowed(k),
            None => std::borrow::Cow::Owned(KindConfig::default()),
        }
    }

    /// The front-matter schema of `kind` in this handbook: the built-in table with
    /// docket.toml's roles, statuses and keys ([`KindConfig::schema`]).
    pub fn schema(&self, kind: Kind) -> &[FieldSpec] {
        match self.kinds.get(&kind) {
            Some(k) if k.has_own_schema(kind) => k.schema(kind),
            _ => kind.schema(),
        }
    }

    /// The key holding `role` in `kind`'s records.
    pub fn role_key(&self, kind: Kind, role: Role) -> &'static str {
        self.kinds
            .get(&kind)
            .map_or(role.name(), |k| k.role_key(role))
    }

    /// The statuses of `category` for `kind`'s records.
    pub fn statuses(&self, kind: Kind, category: StatusCategory) -> &'static [&'static str] {
        self.kinds
            .get(&kind)
            .map_or_else(|| category.builtin(), |k| k.statuses(category))
    }

    /// The status word `written` names for `kind`, without regard to case, in the
    /// kind's spelling, with its category.
    pub fn status(&self, kind: Kind, written: &str) -> Option<(&'static str, StatusCategory)> {
        self.kind_config(kind).status(written)
    }

    /// The kinds whose documents are records (the decision kind, then every kind
    /// of the team's own, by name).
    pub fn record_kinds(&self) -> Vec<Kind> {
        std::iter::once(Kind::Decision)
            .chain(
                self.kinds
                    .keys()
                    .copied()
                    .filter(|k| matches!(k, Kind::Custom(_))),
            )
            .collect()
    }

    /// The kind `name` names: one of `builtin` (the built-in kinds a command
    /// takes) or a kind of the team's own that docket.toml declares; otherwise
    /// what is known, with the kind most likely meant.
    pub fn resolve_kind(&self, name: &str, builtin: &[Kind]) -> Result<Kind, UnknownKind> {
        let written = name.trim();
        let declared: Vec<&'static str> = self
            .record_kinds()
            .into_iter()
            .filter(|k| matches!(k, Kind::Custom(_)))
            .map(Kind::name)
            .collect();
        if let Some(&kind) = builtin.iter().find(|k| k.name() == written) {
            return Ok(kind);
        }
        if let Some(&known) = declared.iter().find(|k| **k == written) {
            return Ok(Kind::named(known));
        }
        let builtin: Vec<&'static str> = builtin.iter().map(|k| k.name()).collect();
        let meant = suggest::closest(written, builtin.iter().chain(&declared).copied());
        Err(UnknownKind {
            name: name.to_string(),
            meant,
            builtin,
            declared,
        })
    }

    /// A record kind's name in the site's navigation: its `title`, `Decisions`,
    /// or the kind's name as a plural (`Proposals`).
    pub fn kind_title(&self, kind: Kind) -> String {
        if let Some(t) = self.kinds.get(&kind).and_then(|k| k.title.clone()) {
            return t;
        }
        let name = kind.name();
        let mut chars = name.chars();
        let upper: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        format!("{upper}{}s", chars.as_str())
    }

    /// The folders of a kind (normalised like [`Config::kind_path`]); several when
    /// docket.toml lists them or gives a glob.
    pub fn kind_folders(&self, kind: Kind) -> Vec<String> {
        match self.kinds.get(&kind) {
            Some(k) if k.paths.len() > 1 => k.paths.iter().map(|p| normalise(p)).collect(),
            _ => vec![self.kind_path(kind)],
        }
    }

    /// Where `handbook_path` sits among `kind`'s folders, if inside one.
    pub fn kind_folder_of(&self, kind: Kind, handbook_path: &str) -> Option<FolderMatch> {
        match_folder(&self.kind_folders(kind), handbook_path)
    }
}

/// A kind name that is neither one of the built-in kinds a command takes nor a
/// kind docket.toml declares (`docket schema proposl`, `docket new memo`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct UnknownKind {
    /// The name as written.
    pub name: String,
    /// The kind most likely meant, when one is close.
    pub meant: Option<&'static str>,
    /// The built-in kinds the command takes.
    pub builtin: Vec<&'static str>,
    /// The kinds of the team's own that docket.toml declares.
    pub declared: Vec<&'static str>,
}

impl UnknownKind {
    fn describe(&self) -> String {
        let shown: Vec<String> = self.builtin.iter().map(|k| format!("`{k}`")).collect();
        let (last, rest) = shown
            .split_last()
            .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
        let builtin = if rest.is_empty() {
            last.to_string()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        let declared = if self.declared.is_empty() {
            "docket.toml declares no kind of its own (`[kinds.NAME]` with a `path`)".to_string()
        } else {
            format!("docket.toml declares {}", listed(&self.declared))
        };
        // A built-in kind the command does not take (`docket new charter`).
        let head = if Kind::from_name(self.name.trim()).is_some() {
            format!("`{}` is not a kind this command takes", self.name)
        } else {
            format!("unknown kind `{}`", self.name)
        };
        let meant = self
            .meant
            .map(|m| format!("; did you mean `{m}`?"))
            .unwrap_or_default();
        format!("{head}{meant} (built-in kinds: {builtin}; {declared})")
    }
}

/// A kind's path normalised like the root: `"."`, `"./"` and `""` are the
/// handbook root itself (an empty string), `"./adr/"` is `adr`.
fn normalise(p: &str) -> String {
    HandbookRoot::new(p)
        .map(|r| r.as_str().to_string())
        .unwrap_or_else(|| p.trim_matches('/').to_string())
}

/// A span from toml_edit (always there for a parsed document), or the start.
fn span(range: Option<Range<usize>>) -> Range<usize> {
    range.unwrap_or(0..0)
}

/// `` `a`, `b`, `c` ``.
fn listed(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads docket.toml's tables into a [`Config`], collecting every mistake.
#[derive(Default)]
struct Reader {
    errors: Vec<ConfigError>,
}

impl Reader {
    fn error(&mut self, range: Range<usize>, message: String, help: Option<String>) {
        self.errors.push(ConfigError {
            range,
            message,
            help,
        });
    }

    /// An unknown key of `table` (`None`: the top level), with the closest known key.
    fn unknown_key(&mut self, range: Range<usize>, key: &str, table: Option<&str>, known: &[&str]) {
        let (message, keys) = match table {
            Some(t) => (
                format!("unknown key `{key}` in `[{t}]`"),
                format!("`[{t}]` takes {}", listed(known)),
            ),
            None => (
                format!("unknown key `{key}`"),
                format!("the top level takes {}", listed(known)),
            ),
        };
        let help = match suggest::closest(key, known.iter().copied()) {
            Some(meant) => format!("did you mean `{meant}`? ({keys})"),
            None => keys,
        };
        self.error(range, message, Some(help));
    }

    /// The string value of `what`, or a mistake.
    fn string<'i>(&mut self, item: &'i Item, what: &str, example: &str) -> Option<&'i str> {
        let s = item.as_str();
        if s.is_none() {
            self.error(
                span(item.span()),
                format!("`{what}` must be a string"),
                Some(format!("write it in quotes, such as `{example}`")),
            );
        }
        s
    }

    /// The strings of the list `what` with their ranges, or mistakes.
    fn strings(&mut self, item: &Item, what: &str, example: &str) -> Vec<(String, Range<usize>)> {
        let Some(array) = item.as_array() else {
            self.error(
                span(item.span()),
                format!("`{what}` must be a list of strings"),
                Some(format!("write it as `{what} = {example}`")),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(s) => out.push((s.to_string(), span(value.span()))),
                None => self.error(
                    span(value.span()),
                    format!("`{what}` must hold only strings"),
                    Some(format!("write it as `{what} = {example}`")),
                ),
            }
        }
        out
    }

    /// The table `name`, or a mistake.
    fn table<'i>(&mut self, item: &'i Item, name: &str) -> Option<&'i dyn TableLike> {
        let table = item.as_table_like();
        if table.is_none() {
            self.error(
                span(item.span()),
                format!("`{name}` must be a table"),
                Some(format!("write its keys under a `[{name}]` line")),
            );
        }
        table
    }

    fn root(&mut self, item: &Item, key_range: Range<usize>, config: &mut Config) {
        let Some(written) = self.string(item, "root", "root = \"docs\"") else {
            return;
        };
        config.root_explicit = true;
        config.root_range = Some(key_range);
        match HandbookRoot::new(written) {
            Some(root) => config.root = root,
            None => self.error(
                span(item.span()),
                format!("`root = \"{written}\"` must be a folder inside the repository"),
                Some("write a path relative to the repository root, such as `\"docs\"`".into()),
            ),
        }
    }

    fn exclude(&mut self, item: &Item) -> Exclude {
        let globs = self.strings(item, "exclude", "[\"docs/legacy/**\"]");
        let patterns = globs.iter().map(|(g, _)| g.clone()).collect();
        Exclude::new(patterns).unwrap_or_else(|(i, message)| {
            let (glob, range) = globs.get(i).cloned().unwrap_or_default();
            self.error(
                range,
                format!("`exclude` glob `{glob}` is not valid: {message}"),
                Some(
                    "globs are repository-relative, such as `docs/legacy/**` or `**/draft-*.md`"
                        .into(),
                ),
            );
            Exclude::default()
        })
    }

    fn site(&mut self, item: &Item, config: &mut Config) {
        let Some(table) = self.table(item, "site") else {
            return;
        };
        for (key, value) in table.iter() {
            let key_range = span(table.key(key).and_then(Key::span));
            let number = match key {
                "home_open_decisions" => Some((
                    &mut config.site.home_open_decisions,
                    0,
                    SiteConfig::DEFAULT_HOME_OPEN_DECISIONS,
                    20,
                )),
                "page_size" => Some((
                    &mut config.site.page_size,
                    1,
                    SiteConfig::DEFAULT_PAGE_SIZE,
                    50,
                )),
                _ => None,
            };
            if let Some((slot, least, default, example)) = number {
                match value.as_integer().and_then(|n| usize::try_from(n).ok()) {
                    Some(n) if n >= least => *slot = Some(n),
                    _ => self.error(
                        span(value.span()),
                        format!("`{key}` must be a whole number ({least} or more)"),
                        Some(format!(
                            "such as `{key} = {example}`; the default is {default}"
                        )),
                    ),
                }
                continue;
            }
            let slot = match key {
                "title" => &mut config.site.title,
                "base_url" => &mut config.site.base_url,
                "repo_url" => &mut config.site.repo_url,
                other => {
                    self.unknown_key(key_range, other, Some("site"), SITE_KEYS);
                    continue;
                }
            };
            let Some(text) = self.string(value, key, "\"…\"") else {
                continue;
            };
            // Empty means not given; an empty `repo_url` is the one `docket init`
            // leaves to fill in, so it is reminded about.
            if text.trim().is_empty() {
                if key == "repo_url" {
                    config.notes.push(ConfigNote {
                        range: key_range,
                        message: "`[site] repo_url` is empty, so the site links to no commits and has no \"edit this page\" links; set it to the repository's web address, or delete the line".into(),
                    });
                }
                continue;
            }
            // Both become links on every page (the footer, "edit this page", the
            // 404 page's): a `javascript:` address there would run on a click.
            if key != "title" && !is_web_address(text) {
                self.error(
                    span(value.span()),
                    format!(
                        "`[site] {key}` must be a web address starting with `https://` or `http://`"
                    ),
                    Some(format!(
                        "such as `{key} = \"https://git.example.com/team/handbook\"`"
                    )),
                );
                continue;
            }
            *slot = Some(text.to_string());
        }
    }

    fn limits(&mut self, item: &Item, config: &mut Config) {
        let Some(table) = self.table(item, "limits") else {
            return;
        };
        for (key, value) in table.iter() {
            let key_range = span(table.key(key).and_then(Key::span));
            match key {
                "max_document_bytes" => {
                    match value.as_integer().and_then(|n| u64::try_from(n).ok()) {
                        Some(n) if n > 0 => config.limits.max_document_bytes = n,
                        _ => self.error(
                            span(value.span()),
                            "`max_document_bytes` must be a whole number of bytes greater than 0"
                                .into(),
                            Some(format!(
                                "such as `max_document_bytes = 20_000_000` (20 MB); the default is {}",
                                Limits::DEFAULT_MAX_DOCUMENT_BYTES
                            )),
                        ),
                    }
                }
                other => self.unknown_key(key_range, other, Some("limits"), LIMITS_KEYS),
            }
        }
    }

    fn forge(&mut self, item: &Item, config: &mut Config) {
        let Some(table) = self.table(item, "forge") else {
            return;
        };
        for (key, value) in table.iter() {
            let key_range = span(table.key(key).and_then(Key::span));
            match key {
                "pulls" => {
                    if let Some(path) = self.string(value, "pulls", "\"pulls.json\"")
                        && !path.trim().is_empty()
                    {
                        config.forge.pulls = Some((path.trim().to_string(), span(value.span())));
                    }
                }
                "bots" => {
                    config.forge.bots = self
                        .strings(value, "bots", "[\"*[bot]\", \"renovate\"]")
                        .into_iter()
                        .map(|(s, _)| s)
                        .collect();
                }
                other => self.unknown_key(key_range, other, Some("forge"), FORGE_KEYS),
            }
        }
    }

    /// `[[sources]]` (issue 16): each entry a table with `name`, `path` or `json`,
    /// and `site`. Unknown keys and wrong types are mistakes like any other;
    /// a duplicate name or both or neither of `path` and `json` is a
    /// [`SourceProblem`], and the entry is left out.
    fn sources(&mut self, item: &Item, config: &mut Config) {
        let tables: Vec<&dyn TableLike> = match item {
            Item::ArrayOfTables(a) => a.iter().map(|t| t as &dyn TableLike).collect(),
            Item::Value(toml_edit::Value::Array(a)) => {
                let mut out = Vec::new();
                for v in a.iter() {
                    match v.as_inline_table() {
                        Some(t) => out.push(t as &dyn TableLike),
                        None => self.error(
                            span(v.span()),
                            "each of `sources` must be a table".into(),
                            Some(SOURCES_HELP.into()),
                        ),
                    }
                }
                out
            }
            _ => {
                self.error(
                    span(item.span()),
                    "`sources` must be a list of tables".into(),
                    Some(SOURCES_HELP.into()),
                );
                return;
            }
        };
        let mut seen: Vec<String> = Vec::new();
        for table in tables {
            let mut name: Option<(String, Range<usize>)> = None;
            let (mut path, mut json, mut site) = (None, None, None);
            for (key, value) in table.iter() {
                let key_range = span(table.key(key).and_then(Key::span));
                match key {
                    "name" | "path" | "json" | "site" => {
                        let Some(text) = self.string(value, key, "\"payments\"") else {
                            continue;
                        };
                        let text = text.trim().to_string();
                        let range = span(value.span());
                        match key {
                            "name" => name = Some((text, range)),
                            "path" => path = Some(text),
                            "json" => json = Some(text),
                            _ if is_web_address(&text) => {
                                site = Some(if text.ends_with('/') { text } else { text + "/" })
                            }
                            _ => self.error(
                                range,
                                "`site` of a source must be a web address starting with `https://` or `http://`".into(),
                                Some("such as `site = \"https://payments.handbook.example/\"`".into()),
                            ),
                        }
                    }
                    other => self.unknown_key(key_range, other, Some("[sources]"), SOURCE_KEYS),
                }
            }
            // The entry's first key (toml_edit gives tables no span of their own).
            let entry = span(
                table
                    .iter()
                    .next()
                    .and_then(|(k, _)| table.key(k).and_then(Key::span)),
            );
            let Some((name, range)) = name else {
                config.source_problems.push(SourceProblem {
                    range: entry,
                    message: "a `[[sources]]` entry without a `name`".into(),
                    help: "name every source, such as `name = \"payments\"`: it is the prefix of its ids (`payments:0042`)".into(),
                });
                continue;
            };
            if crate::foreign::split_reference(&format!("{name}:1")) != Some((name.as_str(), "1")) {
                config.source_problems.push(SourceProblem {
                    range,
                    message: format!("source name `{name}` cannot prefix an id"),
                    help: "use lowercase letters, digits, `-` and `_`, such as `payments`".into(),
                });
                continue;
            }
            if seen.contains(&name) {
                config.source_problems.push(SourceProblem {
                    range,
                    message: format!("source `{name}` is named twice; the second one is left out"),
                    help: "give each source its own name: it is the prefix of its ids".into(),
                });
                continue;
            }
            seen.push(name.clone());
            let origin = match (path, json) {
                (Some(p), None) => SourceOrigin::Path(p),
                (None, Some(j)) => SourceOrigin::Json(j),
                (both, _) => {
                    let message = match both {
                        Some(_) => {
                            format!("source `{name}` has both `path` and `json`; it is left out")
                        }
                        None => {
                            format!("source `{name}` has neither `path` nor `json`; it is left out")
                        }
                    };
                    config.source_problems.push(SourceProblem {
                        range,
                        message,
                        help: "give a source either `path` (a checkout) or `json` (a published decisions.json)".into(),
                    });
                    continue;
                }
            };
            config.sources.push(SourceConfig {
                name,
                origin,
                site,
                range,
            });
        }
    }

    /// `[check]`: `sources`, the combined `decisions.json` to check `SOURCE:ID`
    /// references against.
    fn check(&mut self, item: &Item, config: &mut Config) {
        let Some(table) = self.table(item, "check") else {
            return;
        };
        for (key, value) in table.iter() {
            let key_range = span(table.key(key).and_then(Key::span));
            match key {
                "sources" => {
                    if let Some(text) = self.string(value, key, "\"hub/decisions.json\"") {
                        config.check_sources = Some((text.to_string(), span(value.span())));
                    }
                }
                other => self.unknown_key(key_range, other, Some("check"), CHECK_KEYS),
            }
        }
    }

    fn rules(&mut self, item: &Item) -> Vec<RuleSetting> {
        let Some(table) = self.table(item, "rules") else {
            return Vec::new();
        };
        let mut rules = Vec::new();
        for (rule, value) in table.iter() {
            let range = span(table.key(rule).and_then(Key::span));
            let Some(written) = self.string(value, rule, "\"warning\"") else {
                continue;
            };
            let severity = match written {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    let help = match suggest::closest_word(other, SEVERITIES) {
                        Some(meant) => format!("did you mean `{meant}`?"),
                        None => format!("write one of {}", listed(SEVERITIES)),
                    };
                    self.error(
                        span(value.span()),
                        format!(
                            "severity `{other}` of rule `{rule}` is not one of {}",
                            listed(SEVERITIES)
                        ),
                        Some(help),
                    );
                    continue;
                }
            };
            rules.push(RuleSetting {
                rule: rule.to_string(),
                severity,
                range,
            });
        }
        rules
    }

    fn kinds(&mut self, item: &Item) -> BTreeMap<Kind, KindConfig> {
        let Some(table) = self.table(item, "kinds") else {
            return BTreeMap::new();
        };
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let mut kinds = BTreeMap::new();
        for (name, value) in table.iter() {
            let range = span(table.key(name).and_then(Key::span));
            let kind = match Kind::from_name(name) {
                Some(kind) => kind,
                None => {
                    let declares_path = value
                        .as_table_like()
                        .is_some_and(|t| t.contains_key("path"));
                    let meant = suggest::closest(name, names.iter().copied());
                    match (meant, declares_path) {
                        (None, true) => Kind::named(name),
                        (meant, _) => {
                            let help = match meant {
                                Some(meant) => format!(
                                    "did you mean `{meant}`? (the built-in kinds are {})",
                                    listed(&names)
                                ),
                                None => format!(
                                    "a kind of your own needs a `path` (its folder); the built-in kinds are {}",
                                    listed(&names)
                                ),
                            };
                            self.error(
                                range,
                                format!("unknown kind `{name}` in `[kinds]`"),
                                Some(help),
                            );
                            continue;
                        }
                    }
                }
            };
            let within = format!("kinds.{name}");
            if let Some(t) = self.table(value, &within) {
                kinds.insert(kind, self.kind(t, &within));
            }
        }
        kinds
    }

    fn kind(&mut self, table: &dyn TableLike, within: &str) -> KindConfig {
        let mut out = KindConfig::default();
        for (key, value) in table.iter() {
            let key_range = span(table.key(key).and_then(Key::span));
            match key {
                "path" => {
                    out.paths = match value.as_array() {
                        Some(_) => self
                            .strings(value, "path", "[\"services/*/docs/adr\"]")
                            .into_iter()
                            .map(|(p, _)| p)
                            .collect(),
                        None => self
                            .string(value, "path", "\"decisions\"")
                            .map(str::to_string)
                            .into_iter()
                            .collect(),
                    };
                    out.path = out.paths.first().cloned();
                }
                "title" => {
                    out.title = self
                        .string(value, "title", "\"Improvement proposals\"")
                        .map(str::to_string)
                }
                "required" | "optional" | "not_required" | "facets" => {
                    let keys: Vec<String> = self
                        .strings(value, key, "[\"area\"]")
                        .into_iter()
                        .map(|(k, _)| k)
                        .collect();
                    match key {
                        "required" => out.required = keys,
                        "optional" => out.optional = keys,
                        "not_required" => out.not_required = keys,
                        _ => out.facets = keys,
                    }
                }
                "references" => {
                    out.references = self
                        .strings(value, key, "[\"requires\"]")
                        .into_iter()
                        .map(|(k, _)| intern(&k))
                        .collect();
                }
                "deadline" => {
                    if let Some(k) = self.string(value, "deadline", "\"last-call-deadline\"") {
                        out.fields.insert(Role::Deadline, intern(k));
                    }
                }
                "fields" => self.roles(value, within, &mut out),
                "statuses" => self.statuses(value, within, &mut out),
                "id" => match self.string(value, "id", "\"number\"") {
                    Some("number") => out.id = Some(IdScheme::Number),
                    Some("stem") => out.id = Some(IdScheme::Stem),
                    Some(other) => match suggest::closest(other, ["number", "stem"]) {
                        Some(meant) if !other.is_empty() => self.error(
                            span(value.span()),
                            format!("`id = \"{other}\"` is not one of {}", listed(ID_SCHEMES)),
                            Some(format!("did you mean `{meant}`?")),
                        ),
                        _ if other.trim().is_empty() => self.error(
                            span(value.span()),
                            "`id` is empty".to_string(),
                            Some(format!("write one of {}", listed(ID_SCHEMES))),
                        ),
                        _ => out.id = Some(IdScheme::Key(intern(other))),
                    },
                    None => {}
                },
                other => self.unknown_key(key_range, other, Some(within), KIND_KEYS),
            }
        }
        out
    }

    /// `fields.ROLE = "key"`.
    fn roles(&mut self, value: &Item, within: &str, out: &mut KindConfig) {
        let within = format!("{within}.fields");
        let Some(t) = self.table(value, &within) else {
            return;
        };
        for (role, key) in t.iter() {
            let range = span(t.key(role).and_then(Key::span));
            match Role::from_name(role) {
                Some(r) => {
                    if let Some(k) = self.string(key, role, "\"author\"") {
                        out.fields.insert(r, intern(k));
                    }
                }
                None => self.unknown_key(range, role, Some(&within), ROLES),
            }
        }
    }

    /// `statuses.CATEGORY = [...]`.
    fn statuses(&mut self, value: &Item, within: &str, out: &mut KindConfig) {
        let within = format!("{within}.statuses");
        let Some(t) = self.table(value, &within) else {
            return;
        };
        for (name, list) in t.iter() {
            let range = span(t.key(name).and_then(Key::span));
            let Some(category) = StatusCategory::ALL.into_iter().find(|c| c.name() == name) else {
                self.unknown_key(range, name, Some(&within), CATEGORIES);
                continue;
            };
            let words: Vec<String> = self
                .strings(list, name, "[\"Draft\", \"Review\"]")
                .into_iter()
                .map(|(w, _)| w)
                .collect();
            out.statuses.insert(category, intern_list(&words));
        }
    }
}

/// How to write `[[sources]]`.
const SOURCES_HELP: &str =
    "write each source under a `[[sources]]` line with `name` and `path` or `json`";

/// Whether `text` is an `http://` or `https://` address with a host.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    ["https://", "http://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '\\']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::FieldType;

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
        let err = Config::parse(text).unwrap_err().remove(0);
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
        let err = Config::parse(text).unwrap_err().remove(0);
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
    fn every_mistake_is_reported_with_the_key_meant() {
        let text = "rot = \"docs\"\n[site]\ntitel = \"x\"\nrepo_url = 3\n[rules]\nmissing-field = \"warn\"\n[kinds.decision]\nrequierd = [\"area\"]\nid = \"stme\"\n[kinds.decisions]\npath = \"x\"\n";
        let errors = Config::parse(text).unwrap_err();
        let shown: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (&text[e.range.clone()], e.help.as_deref().unwrap_or("")))
            .collect();
        let meant = |i: usize, written: &str, help: &str| {
            assert_eq!(shown[i].0, written, "{shown:?}");
            assert!(shown[i].1.contains(help), "{shown:?}");
        };
        assert_eq!(shown.len(), 7, "{shown:?}");
        meant(0, "rot", "did you mean `root`?");
        meant(1, "titel", "did you mean `title`?");
        meant(2, "3", "in quotes");
        meant(3, "\"warn\"", "did you mean `warning`?");
        meant(4, "requierd", "did you mean `required`?");
        meant(5, "\"stme\"", "did you mean `stem`?");
        meant(6, "decisions", "did you mean `decision`?");
    }

    #[test]
    fn kinds_of_ones_own_with_roles_statuses_and_folders() {
        let text = "[kinds.proposal]\npath = \"EIPS\"\nid = \"eip\"\nfields.owner = \"author\"\nstatuses.open = [\"Draft\"]\nreferences = [\"requires\"]\n[kinds.decision]\npath = [\"a/adr\", \"b/adr\"]\nnot_required = [\"options\"]\n";
        let c = Config::parse(text).unwrap();
        let p = Kind::named("proposal");
        assert_eq!(c.record_kinds(), vec![Kind::Decision, p]);
        assert_eq!(c.id_scheme_of(p), IdScheme::Key("eip"));
        assert_eq!(c.role_key(p, Role::Owner), "author");
        assert_eq!(c.role_key(p, Role::Date), "date");
        assert_eq!(c.status(p, "draft"), Some(("Draft", StatusCategory::Open)));
        assert_eq!(
            c.status(p, "accepted"),
            Some(("accepted", StatusCategory::Decided))
        );
        assert_eq!(c.kind_title(p), "Proposals");
        assert_eq!(c.kind_folders(Kind::Decision), ["a/adr", "b/adr"]);
        let label = c
            .kind_folder_of(Kind::Decision, "b/adr/0001-x.md")
            .and_then(|m| m.label);
        assert_eq!(label.as_deref(), Some("b"));
        let schema = c.schema(Kind::Decision);
        let options = schema
            .iter()
            .find(|s| s.name == "options")
            .map(|s| s.required);
        assert_eq!(options, Some(crate::kind::Required::No));
        let schema = c.schema(p);
        assert!(
            schema
                .iter()
                .any(|s| s.name == "author" && s.ty == FieldType::Any)
        );
        assert!(
            schema
                .iter()
                .any(|s| s.name == "requires" && s.ty == FieldType::Refs)
        );
    }

    #[test]
    fn mistakes_in_a_kind_of_ones_own() {
        let text = "[kinds.proposal]\npath = \"EIPS\"\nfields.ownr = \"author\"\nstatuses.opne = [\"Draft\"]\n[kinds.rfc]\ntitle = \"RFCs\"\n";
        let errors = Config::parse(text).unwrap_err();
        let shown: Vec<(&str, String)> = errors
            .iter()
            .map(|e| (&text[e.range.clone()], e.help.clone().unwrap_or_default()))
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert_eq!(shown[0].0, "ownr");
        assert!(shown[0].1.contains("did you mean `owner`?"), "{shown:?}");
        assert_eq!(shown[1].0, "opne");
        assert!(shown[1].1.contains("did you mean `open`?"), "{shown:?}");
        assert_eq!(shown[2].0, "rfc");
        assert!(shown[2].1.contains("needs a `path`"), "{shown:?}");
    }

    #[test]
    fn site_addresses_are_web_addresses() {
        for bad in [
            "javascript:alert(1)//",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "git@git.test:a/b",
        ] {
            let text = format!("[site]\nrepo_url = \"{bad}\"\nbase_url = \"{bad}\"\n");
            let errors = Config::parse(&text).unwrap_err();
            assert_eq!(errors.len(), 2, "{bad}: {errors:?}");
            assert!(
                errors[0]
                    .message
                    .contains("`[site] repo_url` must be a web address"),
                "{errors:?}"
            );
            assert_eq!(&text[errors[1].range.clone()], format!("\"{bad}\""));
        }
        let c = Config::parse(
            "[site]\nrepo_url = \"HTTPS://git.test/a/b\"\nbase_url = \"http://h.test/\"\n",
        )
        .unwrap();
        assert_eq!(c.site.repo_url.as_deref(), Some("HTTPS://git.test/a/b"));
    }

    #[test]
    fn an_empty_repo_url_is_unset_and_reminded_about() {
        let text = "[site]\nrepo_url = \"\"\n";
        let c = Config::parse(text).unwrap();
        assert_eq!(c.site.repo_url, None);
        assert_eq!(&text[c.notes[0].range.clone()], "repo_url");
        let c = Config::parse("[site]\nrepo_url = \"https://git.test/a/b\"\n").unwrap();
        assert!(c.notes.is_empty());
    }

    #[test]
    fn the_document_size_limit() {
        assert_eq!(
            Config::default().limits.max_document_bytes,
            Limits::DEFAULT_MAX_DOCUMENT_BYTES
        );
        let c = Config::parse("[limits]\nmax_document_bytes = 2_000\n").unwrap();
        assert_eq!(c.limits.max_document_bytes, 2000);
        let text = "[limits]\nmax_document_bytes = \"10MB\"\nmax_doc = 3\n";
        let errors = Config::parse(text).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(&text[errors[0].range.clone()], "\"10MB\"");
        assert!(errors[0].message.contains("whole number of bytes"));
        assert_eq!(&text[errors[1].range.clone()], "max_doc");
        assert!(
            errors[1]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("max_document_bytes")),
            "{errors:?}"
        );
        assert!(Config::parse("[limits]\nmax_document_bytes = 0\n").is_err());
    }

    #[test]
    fn the_forge_section() {
        let c =
            Config::parse("[forge]\npulls = \"ci/pulls.json\"\nbots = [\"renovate*\"]\n").unwrap();
        assert_eq!(
            c.forge.pulls.as_ref().map(|p| p.0.as_str()),
            Some("ci/pulls.json")
        );
        assert_eq!(c.forge.bots, vec!["renovate*".to_string()]);
        assert_eq!(Config::default().forge.bots, vec!["*[bot]".to_string()]);
        let errors = Config::parse("[forge]\npull = \"x\"\n").unwrap_err();
        assert!(errors[0].message.contains("pull"), "{:?}", errors);
        assert_eq!(errors[0].range.start, 8);
    }

    #[test]
    fn sources_of_a_hub() {
        let text = "[[sources]]\nname = \"payments\"\npath = \"../payments\"\n[[sources]]\nname = \"platform\"\njson = \"p.json\"\nsite = \"https://p.example\"\n[[sources]]\nname = \"payments\"\njson = \"x.json\"\n[[sources]]\nname = \"both\"\npath = \"a\"\njson = \"b\"\n[[sources]]\nname = \"neither\"\n[check]\nsources = \"hub.json\"\n";
        let c = Config::parse(text).unwrap_or_default();
        let names: Vec<&str> = c.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["payments", "platform"]);
        assert_eq!(c.sources[1].site.as_deref(), Some("https://p.example/"));
        assert_eq!(c.sources[1].origin, SourceOrigin::Json("p.json".into()));
        let problems: Vec<(&str, &str)> = c
            .source_problems
            .iter()
            .map(|p| (&text[p.range.clone()], p.message.as_str()))
            .collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].1.contains("named twice"), "{problems:?}");
        assert_eq!(problems[1].0, "\"both\"");
        assert!(problems[2].1.contains("neither"));
        assert_eq!(c.check_sources.map(|(f, _)| f).as_deref(), Some("hub.json"));
    }

    #[test]
    fn mistakes_in_sources_have_a_position() {
        let text = "[[sources]]\nname = \"a\"\npaht = \"x\"\n[check]\nsorces = 1\n";
        let errors = Config::parse(text).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (&text[e.range.clone()], e.message.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "paht");
        assert!(errors[0].help.as_deref().unwrap_or("").contains("`path`"));
        assert_eq!(found[1].0, "sorces");
    }

    #[test]
    fn bad_severity() {
        let text = "[rules]\nmissing-field = \"loud\"\n";
        let err = Config::parse(text).unwrap_err().remove(0);
        assert_eq!(&text[err.range.clone()], "\"loud\"");
    }

    #[test]
    fn kinds_are_resolved_with_the_one_meant() {
        let c = Config::parse("[kinds.proposal]\npath = \"EIPS\"\n").unwrap();
        let builtin = [Kind::Decision, Kind::Brief, Kind::Update];
        assert_eq!(c.resolve_kind("decision", &builtin), Ok(Kind::Decision));
        assert_eq!(
            c.resolve_kind("proposal", &builtin),
            Ok(Kind::named("proposal"))
        );
        let typo = c.resolve_kind("proposl", &builtin).unwrap_err();
        assert_eq!(typo.meant, Some("proposal"));
        assert_eq!(
            typo.to_string(),
            "unknown kind `proposl`; did you mean `proposal`? (built-in kinds: `decision`, `brief` and `update`; docket.toml declares `proposal`)"
        );
        let elsewhere = c.resolve_kind("charter", &builtin).unwrap_err();
        assert!(
            elsewhere
                .to_string()
                .starts_with("`charter` is not a kind this command takes"),
            "{elsewhere}"
        );
        let none = Config::default()
            .resolve_kind("memo", &Kind::ALL)
            .unwrap_err();
        assert_eq!(none.meant, None);
        assert!(
            none.to_string()
                .contains("docket.toml declares no kind of its own"),
            "{none}"
        );
    }
}
