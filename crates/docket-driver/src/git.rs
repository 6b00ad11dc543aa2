//! What a job reads from git, through one repository opened once per job: history,
//! the decisions of other branches, what a change touches, and old versions of the
//! meeting inventory. `docket_git` speaks in paths relative to git's working tree;
//! this module turns them into docket's (relative to the repository root it found:
//! the same folder unless `docket.toml` sits below the git root).

use std::collections::BTreeSet;
use std::path::Path;

use docket_model::time::Time;
use docket_model::{Kind, PartialHistory, parse_file};

use crate::error::DriverError;
use crate::workspace::Workspace;

/// The git repository that holds a workspace, opened once; `None` outside git.
pub(crate) struct GitRepo {
    opened: Option<Opened>,
    /// Why the repository that holds the workspace cannot be read, when libgit2
    /// cannot open it.
    unreadable: Option<String>,
}

struct Opened {
    git: docket_git::Git,
    /// The workspace root relative to git's working tree, with a trailing `/`, or
    /// empty when they are the same folder.
    prefix: String,
}

impl GitRepo {
    /// Opens the repository whose working tree holds `ws`.
    pub(crate) fn open(ws: &Workspace) -> GitRepo {
        match docket_git::open(&ws.root) {
            docket_git::Opened::Repo(git) => {
                let prefix = prefix_of(&ws.root, &git.workdir).unwrap_or_default();
                GitRepo {
                    opened: Some(Opened { git, prefix }),
                    unreadable: None,
                }
            }
            docket_git::Opened::NotGit => GitRepo {
                opened: None,
                unreadable: None,
            },
            docket_git::Opened::Unreadable(why) => GitRepo {
                opened: None,
                unreadable: Some(why),
            },
        }
    }

    /// The open repository when it has at least one commit.
    fn with_commits(&self) -> Option<&Opened> {
        self.opened.as_ref().filter(|o| o.git.has_commits())
    }

    /// Reads git history into `ws.repo.history`, from the cache when HEAD has not
    /// moved. Outside git, in a shallow clone, or when some objects could not be read
    /// (a partial clone, a damaged repository), says so in `ws.notes`; the dates git
    /// cannot give come from the front matter.
    pub(crate) fn load_history(&self, ws: &mut Workspace) {
        let Some(opened) = &self.opened else {
            ws.notes.push(match &self.unreadable {
                Some(why) => format!(
                    "cannot read git history: {why}; history, authors and dates come from front matter only"
                ),
                None => "not a git repository: history, authors and dates come from front matter only"
                    .into(),
            });
            return;
        };
        if !opened.git.has_commits() {
            return;
        }
        let decisions: BTreeSet<String> = ws
            .repo
            .decisions()
            .map(|(d, _)| opened.in_git(&d.path))
            .collect();
        match opened
            .git
            .history_with_stats(&opened.handbook_root(ws), &decisions)
        {
            Ok((mut history, stats)) => {
                ws.history_walk = Some(stats);
                if history.shallow {
                    ws.notes.push("history is shallow: dates of the oldest changes are missing and fall back to front matter; `fetch-depth: 0` (GitHub Actions) or `git fetch --unshallow` gives full dates".into());
                }
                history.files = std::mem::take(&mut history.files)
                    .into_iter()
                    .filter_map(|(k, v)| Some((opened.local(&k)?, v)))
                    .collect();
                if let Some(partial) = &mut history.partial {
                    for set in [&mut partial.truncated, &mut partial.unknown_status] {
                        *set = std::mem::take(set)
                            .into_iter()
                            .filter_map(|p| opened.local(&p))
                            .collect();
                    }
                    if !partial.files().is_empty() {
                        ws.notes.push(partial_note(partial));
                    }
                }
                ws.repo.history = history;
            }
            Err(e) => ws.notes.push(format!(
                "cannot read git history ({e}); dates come from front matter"
            )),
        }
    }

    /// Reads what the change since `reference` touches into `ws.repo.changes`
    /// (`--changed-since`): changed files, their base versions, and the decision
    /// files of other branches (for `number-collision`).
    pub(crate) fn load_changes(
        &self,
        ws: &mut Workspace,
        reference: &str,
    ) -> Result<(), DriverError> {
        let Some(opened) = &self.opened else {
            return Err(DriverError::Git(match &self.unreadable {
                Some(why) => format!("--changed-since {reference} needs git: {why}"),
                None => format!(
                    "--changed-since {reference} needs a git repository, and {} is not in one",
                    ws.root.display()
                ),
            }));
        };
        if !opened.git.has_commits() {
            return Err(DriverError::Git(
                "--changed-since needs at least one commit".into(),
            ));
        }
        if opened.git.is_shallow() {
            ws.notes.push("history is shallow: the merge base may be missing; `fetch-depth: 0` (GitHub Actions) or `git fetch --unshallow` fixes it".into());
        }
        let changes = opened
            .git
            .changes(reference, &opened.handbook_root(ws))
            .map_err(|e| DriverError::Git(e.to_string()))?;
        let branch_files = opened
            .git
            .branch_decisions(&opened.decisions_folder(ws))
            .map_err(|e| DriverError::Git(e.to_string()))?
            .into_iter()
            .filter_map(|f| Some((f.branch, opened.local(&f.path)?)))
            .collect();
        let local = |paths: &[String]| paths.iter().filter_map(|p| opened.local(p)).collect();
        ws.repo.changes = Some(docket_model::ChangeSet {
            reference: reference.to_string(),
            changed: local(&changes.changed),
            base_text: changes
                .base_text
                .into_iter()
                .filter_map(|(p, t)| Some((opened.local(&p)?, t)))
                .collect(),
            base_files: local(&changes.base_files),
            branch_files,
        });
        Ok(())
    }

    /// Reads the decisions that other local and remote-tracking branches add and this
    /// checkout does not have (by file name) into `ws.repo.pending`, so the decision
    /// index can show them as pending. Outside git it does nothing.
    pub(crate) fn load_pending(&self, ws: &mut Workspace) {
        let Some(opened) = self.with_commits() else {
            return;
        };
        let Ok(files) = opened.git.branch_decisions(&opened.decisions_folder(ws)) else {
            return;
        };
        let local: BTreeSet<&str> = ws
            .repo
            .records_of(Kind::Decision)
            .map(|(d, _)| d.file_name())
            .collect();
        let mut seen = BTreeSet::new();
        let mut pending = Vec::new();
        for f in files {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
            if local.contains(name.as_str()) || !name.ends_with(".md") || !seen.insert(name) {
                continue;
            }
            let Some(text) = opened.git.branch_text(&f.branch, &f.path) else {
                continue;
            };
            let Some(rel) = f.path.strip_prefix(&opened.prefix) else {
                continue;
            };
            let Some(doc) = parse_file(
                rel.to_string(),
                &ws.repo.handbook_root,
                text,
                &ws.repo.config,
            ) else {
                continue;
            };
            let Some(d) = doc.decision() else { continue };
            if is_index_page(&doc) {
                continue;
            }
            pending.push(docket_model::PendingDecision {
                branch: f.branch,
                path: rel.to_string(),
                title: doc.title(),
                status: d.status.as_ref().map(|s| s.value.clone()),
                owner: d.owner.as_ref().map(|s| s.value.clone()),
            });
        }
        ws.repo.pending = pending;
    }

    /// The ids (numbers) of the records of `kind` directly in `folder` (relative
    /// to the handbook root) on other local and remote-tracking branches, so that
    /// `docket new` does not take a number a pushed branch already uses: the file
    /// name's number for `id = "number"`, the id key's for a key. Outside git, or
    /// when git cannot say, none.
    pub(crate) fn branch_numbers(&self, ws: &Workspace, kind: Kind, folder: &str) -> Vec<u32> {
        let Some(opened) = self.with_commits() else {
            return Vec::new();
        };
        let rel_folder = ws.repo.join(folder);
        let Ok(files) = opened.git.branch_decisions(&opened.in_git(&rel_folder)) else {
            return Vec::new();
        };
        let by_name = ws.repo.config.id_scheme_of(kind) == docket_model::IdScheme::Number;
        let mut out = Vec::new();
        for f in files {
            let Some(rel) = opened.local(&f.path) else {
                continue;
            };
            let (parent, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
            if parent != rel_folder || !name.to_ascii_lowercase().ends_with(".md") {
                continue;
            }
            if by_name {
                // log4brains' dated stems (`20201016-x`) are no numbers.
                let stem = &name[..name.len() - 3];
                if !docket_model::legacy::is_dated_stem(stem) {
                    out.extend(docket_model::number_prefix(stem));
                }
                continue;
            }
            let Some(text) = opened.git.branch_text(&f.branch, &f.path) else {
                continue;
            };
            let doc = parse_file(rel.clone(), &ws.repo.handbook_root, text, &ws.repo.config);
            if let Some(d) = doc.as_ref().and_then(|d| d.decision())
                && d.kind == kind
                && let Some(docket_model::DecisionId::Number(n)) = d.id
            {
                out.push(n);
            }
        }
        out
    }

    /// The meeting inventory as it stood at `when` (from git), for the rollout target
    /// "meetings per person per week down 30% in 90 days". `None` outside git or when
    /// the inventory did not exist then.
    pub(crate) fn meetings_at(
        &self,
        ws: &Workspace,
        when: Time,
    ) -> Option<Vec<docket_model::Meeting>> {
        let opened = self.opened.as_ref()?;
        let rel = ws.repo.join(&ws.repo.config.kind_path(Kind::Meetings));
        let text = opened.git.text_at(&opened.in_git(&rel), when.as_second())?;
        let doc = parse_file(rel, &ws.repo.handbook_root, text, &ws.repo.config)?;
        match doc.data {
            docket_model::Data::Meetings(list) => Some(list),
            _ => None,
        }
    }
}

impl Opened {
    /// A workspace path as git names it.
    fn in_git(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// A path from git as the workspace names it; `None` outside the workspace.
    fn local(&self, git_path: &str) -> Option<String> {
        git_path.strip_prefix(&self.prefix).map(str::to_string)
    }

    /// The handbook root relative to git's working tree, without a trailing `/`.
    fn handbook_root(&self, ws: &Workspace) -> String {
        self.in_git(ws.repo.handbook_root.as_str())
            .trim_end_matches('/')
            .to_string()
    }

    /// The decisions folder relative to git's working tree.
    fn decisions_folder(&self, ws: &Workspace) -> String {
        self.in_git(&ws.repo.join(&ws.repo.config.kind_path(Kind::Decision)))
    }
}

/// The note of a partial history: how many files, why, what it means, and which
/// files (up to three by name).
fn partial_note(partial: &PartialHistory) -> String {
    let files = partial.files();
    let count = match files.len() {
        1 => "1 file's history".to_string(),
        n => format!("{n} files' history"),
    };
    let what = if partial.truncated.is_empty() {
        "what could not be read is left out"
    } else {
        "what could not be read is left out, and creation dates fall back to front matter"
    };
    let names: Vec<&str> = files.iter().copied().take(3).collect();
    let mut list = names.join(", ");
    if files.len() > names.len() {
        list.push_str(&format!(" and {} more", files.len() - names.len()));
    }
    format!(
        "history is partial: {count} could not be fully read ({}); {what}: {list}",
        missing_reason(partial)
    )
}

/// Which object was missing, and what that says about the repository.
fn missing_reason(partial: &PartialHistory) -> String {
    let object = partial.missing.as_ref().map(|m| {
        let short = m.id.get(..7).unwrap_or(&m.id);
        format!("{} {short}", m.kind.as_str())
    });
    match (object, partial.partial_clone) {
        (Some(object), true) => format!(
            "{object} is not in this partial clone, which leaves old versions of files on the server; a clone without `--filter` has them"
        ),
        (None, true) => "this partial clone leaves old versions of files on the server; a clone without `--filter` has them".to_string(),
        (Some(object), false) => format!(
            "{object} not found: an incomplete or damaged repository; `git fsck` lists what is missing"
        ),
        (None, false) => "some objects could not be read: an incomplete or damaged repository; `git fsck` lists what is missing".to_string(),
    }
}

fn is_index_page(doc: &docket_model::Document) -> bool {
    matches!(
        doc.file_name().to_ascii_lowercase().as_str(),
        "readme.md" | "index.md"
    )
}

/// `root` relative to git's working tree, with a trailing `/`, when it is below it.
fn prefix_of(root: &Path, workdir: &Path) -> Option<String> {
    let workdir = workdir.canonicalize().ok()?;
    let rel = root.strip_prefix(&workdir).ok()?;
    let s = rel.to_string_lossy().replace('\\', "/");
    (!s.is_empty()).then(|| format!("{s}/"))
}
