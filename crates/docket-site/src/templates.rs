//! Templates: the built-ins embedded in the binary by one table, overridden file by
//! file from the user's `templates/` folder; the built-ins stay reachable as
//! `builtin/<name>` so an override can extend one. Auto-escaping stays on for
//! `.html` and `.xml`. `partials/*.html` are pieces the pages include (the
//! availability strip, an update card, an open blocker) and the macros they share
//! (`partials/macros.html`: badges, links, the document footer, tables); they are
//! overridden the same way.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use minijinja::Environment;

use crate::error::SiteError;
use crate::escape::{Markup, escape};

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        /// Every built-in template and asset, by name.
        pub static BUILTIN: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../../templates/", $name))),)*
        ];
    };
}

builtin!(
    "base.html",
    "index.html",
    "decisions.html",
    "decision.html",
    "page.html",
    "briefs.html",
    "brief.html",
    "people.html",
    "person.html",
    "updates.html",
    "update_day.html",
    "meetings.html",
    "metrics.html",
    "org.html",
    "org_decision.html",
    "org_people.html",
    "org_metrics.html",
    "partials/strip.html",
    "partials/blocker.html",
    "partials/update.html",
    "partials/macros.html",
    "search.html",
    "404.html",
    "assets/style.css",
    "assets/docket.js",
);

/// The template set of one build.
pub struct Templates {
    env: Environment<'static>,
    user: Arc<BTreeMap<String, String>>,
}

/// Reads the user's overrides from `dir` (missing folder: none).
pub fn read_user_templates(dir: &Path) -> Result<BTreeMap<String, String>, SiteError> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for (name, _) in BUILTIN {
        let path = dir.join(name);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| SiteError::io(&path, e))?;
            out.insert((*name).to_string(), text);
        }
    }
    // Extra templates a user's override may include.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".html") && !out.contains_key(&name) && entry.path().is_file() {
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| SiteError::io(&entry.path(), e))?;
                out.insert(name, text);
            }
        }
    }
    Ok(out)
}

impl Templates {
    /// Builds the environment from the built-ins and `user` overrides.
    pub fn new(user: BTreeMap<String, String>) -> Self {
        let user = Arc::new(user);
        let mut env = Environment::new();
        let loader_user = Arc::clone(&user);
        env.set_loader(move |name: &str| {
            if let Some(builtin) = name.strip_prefix("builtin/") {
                return Ok(lookup_builtin(builtin).map(str::to_string));
            }
            Ok(loader_user
                .get(name)
                .cloned()
                .or_else(|| lookup_builtin(name).map(str::to_string)))
        });
        env.set_keep_trailing_newline(true);
        // Escape strings for HTML as minijinja does, but leave `/` alone so that URLs
        // stay readable (`../index.html`, not `..&#x2f;index.html`): `Markup::Html`.
        env.set_formatter(|out, state, value| {
            if let (minijinja::AutoEscape::Html, Some(s), false) =
                (state.auto_escape(), value.as_str(), value.is_safe())
            {
                out.write_str(&escape(s, Markup::Html))?;
                return Ok(());
            }
            minijinja::escape_formatter(out, state, value)
        });
        Self { env, user }
    }

    /// The templates of the repository at `repo_root` (the built-ins and the
    /// overrides in its `templates/`), each page template compiled, so that one that
    /// does not compile is an error now rather than on the page that uses it.
    pub fn load(repo_root: &Path) -> Result<Self, SiteError> {
        let templates = Self::new(read_user_templates(&repo_root.join("templates"))?);
        let names = BUILTIN
            .iter()
            .map(|(name, _)| *name)
            .chain(templates.user.keys().map(String::as_str))
            .filter(|name| name.ends_with(".html"));
        for name in names {
            templates
                .env
                .get_template(name)
                .map_err(|e| SiteError::template(name, &e))?;
        }
        Ok(templates)
    }

    /// Renders template `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, SiteError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| SiteError::template(name, &e))?;
        template
            .render(ctx)
            .map_err(|e| SiteError::template(name, &e))
    }

    /// Every template and asset the build can use, built-ins first, then the
    /// user's (for the build's key: a change to any of them re-renders every page).
    pub(crate) fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        BUILTIN
            .iter()
            .copied()
            .chain(self.user.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    }

    /// An asset's text: the user's override or the built-in.
    pub fn asset(&self, name: &str) -> Option<&str> {
        self.user
            .get(name)
            .map(String::as_str)
            .or_else(|| lookup_builtin(name))
    }
}

fn lookup_builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the files under `dir`, relative to `root`, but `new/` and `init/`
    /// (the templates of `docket new` and `docket init`, embedded by the command line).
    fn files(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_dir() {
                if name != "new" && name != "init" {
                    files(root, &path, out);
                }
            } else {
                out.push(name);
            }
        }
    }

    #[test]
    fn the_table_lists_every_built_in_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let mut on_disk = Vec::new();
        files(&root, &root, &mut on_disk);
        on_disk.sort();
        let mut listed: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }
}
