//! What `[kinds.NAME]` of docket.toml says about a kind (SPEC §8, "Kinds of your
//! own"): its folders, roles, statuses in categories, references and required keys,
//! and the schema that follows from them. A kind of the team's own is data like
//! the built-in ones: everything here ends in [`FieldSpec`] tables, role keys and
//! status lists, which rules, figures and pages read instead of key names.
//!
//! Reading docket.toml into a [`KindConfig`] is `config`'s job; this module only
//! holds the result and answers questions about it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::kind::{FieldSpec, FieldType, Kind, Required, StatusCategory};

/// How record ids are formed (SPEC §9, §8 `id`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IdScheme {
    /// The number that starts the file name (`0042-x.md` → 42).
    #[default]
    Number,
    /// The file stem (log4brains' `20201231-x.md`).
    Stem,
    /// A front-matter key (`eip: 1559`): a number, or else the text as written.
    Key(&'static str),
}

/// A docket role a kind maps to a key of its own (`fields.owner = "author"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The record's title.
    Title,
    /// Who decides: a roster id, or a list of people (`Name (@handle)`).
    Owner,
    /// When the question was opened.
    Date,
    /// Where the record stands (its word falls in a [`StatusCategory`]).
    Status,
    /// When an open record must be decided.
    Deadline,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 5] = [
        Role::Title,
        Role::Owner,
        Role::Date,
        Role::Status,
        Role::Deadline,
    ];

    /// The role's name, as in `fields.<name>`, which is also the built-in key.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Owner => "owner",
            Role::Date => "date",
            Role::Status => "status",
            Role::Deadline => "deadline",
        }
    }

    /// The role named `name`.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// `[kinds.<kind>]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindConfig {
    /// The first folder (or file, for charter, people and meetings) of `paths`.
    pub path: Option<String>,
    /// Every folder of the kind, relative to the handbook root: literal folders or
    /// globs (`services/*/docs/adr`).
    pub paths: Vec<String>,
    /// The kind's name in the site's navigation (`Improvement proposals`).
    pub title: Option<String>,
    /// Required front-matter keys beyond the kind's own; they are known keys too.
    pub required: Vec<String>,
    /// Keys that are known but not required.
    pub optional: Vec<String>,
    /// Built-in requirements relaxed (`not_required = ["options"]`).
    pub not_required: Vec<String>,
    /// How ids are formed.
    pub id: Option<IdScheme>,
    /// The keys that hold docket's roles (`fields.owner = "author"`).
    pub fields: BTreeMap<Role, &'static str>,
    /// Keys whose values are ids of records of the same kind (`requires`).
    pub references: Vec<&'static str>,
    /// The statuses of each category a team names (`statuses.open = [...]`); a
    /// category not named keeps the built-in decision statuses.
    pub statuses: BTreeMap<StatusCategory, &'static [&'static str]>,
    /// Keys whose values the kind's index offers as filters (`facets = ["type"]`).
    pub facets: Vec<String>,
    /// The schema [`KindConfig::schema`] gives, built on first use: every document
    /// and rule asks it, and the keys it follows from are read once from
    /// docket.toml (the driver only ever changes `path`, which it does not read).
    own_schema: OnceLock<Vec<FieldSpec>>,
}

impl KindConfig {
    /// The key holding `role` (`author` for the owner of an improvement proposal).
    pub fn role_key(&self, role: Role) -> &'static str {
        self.fields.get(&role).copied().unwrap_or(role.name())
    }

    /// The statuses of `category`.
    pub fn statuses(&self, category: StatusCategory) -> &'static [&'static str] {
        self.statuses
            .get(&category)
            .copied()
            .unwrap_or_else(|| category.builtin())
    }

    /// Every status word, by category in order.
    pub fn all_statuses(&self) -> Vec<&'static str> {
        StatusCategory::ALL
            .into_iter()
            .flat_map(|c| self.statuses(c).iter().copied())
            .collect()
    }

    /// The status word `written` names, without regard to case, in the kind's
    /// spelling, with its category.
    pub fn status(&self, written: &str) -> Option<(&'static str, StatusCategory)> {
        let written = written.trim();
        StatusCategory::ALL.into_iter().find_map(|c| {
            self.statuses(c)
                .iter()
                .find(|w| w.eq_ignore_ascii_case(written))
                .map(|&w| (w, c))
        })
    }

    /// Whether the kind changes anything of `kind`'s built-in schema.
    fn changes_schema(&self) -> bool {
        !(self.required.is_empty()
            && self.optional.is_empty()
            && self.not_required.is_empty()
            && self.fields.is_empty()
            && self.references.is_empty()
            && self.statuses.is_empty()
            && !matches!(self.id, Some(IdScheme::Key(_))))
    }

    /// The front-matter schema of `kind` (the kind this configuration is of) with
    /// this configuration: the built-in table with roles renamed, statuses replaced
    /// and requirements relaxed, then the team's own keys; for a kind of the team's
    /// own, its roles and keys. Built once, on first use.
    pub fn schema(&self, kind: Kind) -> &[FieldSpec] {
        self.own_schema.get_or_init(|| self.build_schema(kind))
    }

    fn build_schema(&self, kind: Kind) -> Vec<FieldSpec> {
        let decided = self.statuses(StatusCategory::Decided);
        let superseded = self.statuses(StatusCategory::Superseded);
        let statuses = crate::kind::intern_list(&self.all_statuses());
        let mut out: Vec<FieldSpec> = match kind {
            Kind::Custom(_) => custom_base(),
            _ => kind.schema().to_vec(),
        };
        for spec in &mut out {
            if let Some(role) = Role::from_name(spec.name) {
                spec.name = self.role_key(role);
                if role == Role::Status && kind.is_record() {
                    spec.ty = FieldType::OneOf(statuses);
                }
                if role == Role::Owner && matches!(kind, Kind::Custom(_)) {
                    spec.ty = FieldType::Any;
                }
            }
            if kind.is_record() {
                spec.required = match spec.required {
                    Required::IfStatus(s) if s == crate::kind::DECIDED => {
                        Required::IfStatus(decided)
                    }
                    Required::IfStatus(&["superseded"]) => Required::IfStatus(superseded),
                    other => other,
                };
            }
            if self.not_required.iter().any(|k| k == spec.name) {
                spec.required = Required::No;
            }
        }
        if let Some(IdScheme::Key(key)) = self.id {
            add(&mut out, key, FieldType::Any, Required::Always);
        }
        for key in &self.references {
            add(&mut out, key, FieldType::Refs, Required::No);
        }
        for key in &self.optional {
            add(
                &mut out,
                crate::kind::intern(key),
                FieldType::Any,
                Required::No,
            );
        }
        for key in &self.required {
            add(
                &mut out,
                crate::kind::intern(key),
                FieldType::Any,
                Required::Always,
            );
        }
        if matches!(kind, Kind::Custom(_)) {
            // The roles' keys of a kind of one's own are required only when listed.
            for spec in &mut out {
                if !self.required.iter().any(|k| k == spec.name)
                    && !matches!(self.id, Some(IdScheme::Key(k)) if k == spec.name)
                {
                    spec.required = Required::No;
                }
            }
        }
        out
    }

    /// Whether [`KindConfig::schema`] differs from the built-in table.
    pub fn has_own_schema(&self, kind: Kind) -> bool {
        matches!(kind, Kind::Custom(_)) || self.changes_schema()
    }
}

/// The documentation of a key docket.toml declares (`required`, `optional`,
/// `references`, the id key) that docket knows nothing more about.
pub const DECLARED: &str = "declared in docket.toml";

/// Adds `key` to a schema, or makes an existing one required.
fn add(out: &mut Vec<FieldSpec>, key: &'static str, ty: FieldType, required: Required) {
    match out.iter_mut().find(|s| s.name == key) {
        Some(spec) => {
            if required == Required::Always {
                spec.required = Required::Always;
            }
            if ty == FieldType::Refs {
                spec.ty = ty;
            }
        }
        None => out.push(FieldSpec {
            name: key,
            ty,
            required,
            body_section: None,
            doc: DECLARED,
        }),
    }
}

/// The keys every kind of one's own knows: its roles (named by `fields.ROLE`),
/// supersession and tags.
fn custom_base() -> Vec<FieldSpec> {
    let spec = |name, ty, doc| FieldSpec {
        name,
        ty,
        required: Required::No,
        body_section: None,
        doc,
    };
    vec![
        spec("kind", FieldType::Any, "the document's kind"),
        spec("title", FieldType::Text, "the record's title"),
        spec("status", FieldType::Text, "where the record stands"),
        spec("owner", FieldType::Any, "who decides"),
        spec("date", FieldType::Date, "when the record was opened"),
        spec(
            "deadline",
            FieldType::Date,
            "when an open record is decided",
        ),
        spec("supersedes", FieldType::Refs, "records this one replaces"),
        spec(
            "superseded_by",
            FieldType::Refs,
            "the records that replace this one",
        ),
        spec("tags", FieldType::Strings, "free-form tags"),
    ]
}

/// Where a file sits among a kind's folders: how deep the folder that holds it
/// is (the closest folder wins) and, for a kind with several folders, the
/// folder's label (`billing` of `services/billing/docs/adr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderMatch {
    /// Length of the matched folder path, to let the closest kind win.
    pub depth: usize,
    /// The folder's label, when the kind has several folders.
    pub label: Option<String>,
}

/// Matches `handbook_path` (a file) against the kind's folders (`folders`,
/// normalised: no `./`, no trailing `/`, `""` for the handbook root). A glob's
/// label is the path segments its wildcards matched; among several literal
/// folders, a folder's label is its first segment that differs from the others.
pub fn match_folder(folders: &[String], handbook_path: &str) -> Option<FolderMatch> {
    let dirs: Vec<&str> = match handbook_path.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let several = folders.len() > 1 || folders.iter().any(|f| is_glob(f));
    let mut best: Option<FolderMatch> = None;
    for folder in folders {
        let pattern: Vec<&str> = if folder.is_empty() {
            Vec::new()
        } else {
            folder.split('/').collect()
        };
        let Some((used, wild)) = match_segments(&pattern, &dirs) else {
            continue;
        };
        let depth = dirs[..used].iter().map(|d| d.len() + 1).sum::<usize>();
        if best.as_ref().is_some_and(|b| b.depth >= depth) {
            continue;
        }
        let label = several.then(|| {
            if wild.is_empty() {
                distinct_segment(folders, folder)
            } else {
                wild.join("/")
            }
        });
        best = Some(FolderMatch { depth, label });
    }
    best
}

/// Whether a folder of the kind is a glob.
pub fn is_glob(folder: &str) -> bool {
    folder.contains(['*', '?', '['])
}

/// Matches the pattern's segments against a prefix of `dirs`: how many segments
/// of `dirs` it took, and the ones its wildcards matched.
fn match_segments<'a>(pattern: &[&str], dirs: &[&'a str]) -> Option<(usize, Vec<&'a str>)> {
    let Some((first, rest)) = pattern.split_first() else {
        return Some((0, Vec::new()));
    };
    if *first == "**" {
        for skip in 0..=dirs.len() {
            if let Some((used, mut wild)) = match_segments(rest, &dirs[skip..]) {
                let mut taken: Vec<&str> = dirs[..skip].to_vec();
                taken.append(&mut wild);
                return Some((skip + used, taken));
            }
        }
        return None;
    }
    let (dir, dirs_rest) = dirs.split_first()?;
    if !wildcard(first, dir) {
        return None;
    }
    let (used, mut wild) = match_segments(rest, dirs_rest)?;
    if is_glob(first) {
        wild.insert(0, dir);
    }
    Some((used + 1, wild))
}

/// Whether one path segment matches a pattern with `*` and `?`.
fn wildcard(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// The first segment of `folder` that differs from the other folders' segment at
/// the same place, or the whole folder when none does.
fn distinct_segment(folders: &[String], folder: &str) -> String {
    let segments: Vec<&str> = folder.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let shared = folders
            .iter()
            .filter(|f| f.as_str() != folder)
            .any(|f| f.split('/').nth(i) == Some(seg));
        if !shared {
            return (*seg).to_string();
        }
    }
    folder.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_labels() {
        let globbed = vec!["services/*/docs/adr".to_string()];
        let m = match_folder(&globbed, "services/billing/docs/adr/0003-x.md");
        assert_eq!(m.and_then(|m| m.label).as_deref(), Some("billing"));
        assert_eq!(match_folder(&globbed, "services/billing/README.md"), None);
        let listed = vec!["billing/adr".to_string(), "search/adr".to_string()];
        let m = match_folder(&listed, "search/adr/0001-y.md");
        assert_eq!(m.and_then(|m| m.label).as_deref(), Some("search"));
        let one = vec!["EIPS".to_string()];
        let m = match_folder(&one, "EIPS/eip-1.md");
        assert_eq!(
            m,
            Some(FolderMatch {
                depth: 5,
                label: None
            })
        );
        let root = vec![String::new()];
        assert!(match_folder(&root, "x.md").is_some());
        let deep = vec!["**/adr".to_string()];
        let m = match_folder(&deep, "a/b/adr/0001-x.md");
        assert_eq!(m.and_then(|m| m.label).as_deref(), Some("a/b"));
        assert!(wildcard("eip-*", "eip-12") && !wildcard("eip-*", "erc-1"));
    }
}
