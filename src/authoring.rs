//! Helpers shared by `docket init` and `docket new`: who the user is (git config),
//! roster ids and file-name slugs from names and titles (the model's [`slug`]),
//! YAML-safe scalars (the model's [`yaml_scalar`]), local dates, and writing a file
//! that must not exist yet.

use std::path::Path;
use std::process::Command;

use docket_model::time::Time;

/// The current git user, as far as git (or the environment) says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GitUser {
    /// `user.name`.
    pub name: Option<String>,
    /// `user.email`.
    pub email: Option<String>,
}

impl GitUser {
    /// A roster id for this user: the email's local part (without a `+tag`), else the
    /// name, as lowercase ASCII with hyphens.
    pub fn derived_id(&self) -> Option<String> {
        let local = self
            .email
            .as_deref()
            .and_then(|e| e.split('@').next())
            .map(|l| l.split('+').next().unwrap_or(l));
        local
            .and_then(|l| slug(l, 40))
            .or_else(|| self.name.as_deref().and_then(|n| slug(n, 40)))
    }

    /// `Name <email>` for messages.
    pub fn describe(&self) -> String {
        match (&self.name, &self.email) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.clone(),
            (None, Some(e)) => format!("<{e}>"),
            (None, None) => "(unknown)".into(),
        }
    }
}

/// Reads the git user as git would for a commit in `dir`: `GIT_AUTHOR_NAME` /
/// `GIT_AUTHOR_EMAIL`, then `git config user.name` / `user.email`, then `EMAIL`.
pub(crate) fn git_user(dir: &Path) -> GitUser {
    GitUser {
        name: env("GIT_AUTHOR_NAME").or_else(|| git_config(dir, "user.name")),
        email: env("GIT_AUTHOR_EMAIL")
            .or_else(|| git_config(dir, "user.email"))
            .or_else(|| env("EMAIL")),
    }
}

pub(crate) fn git_config(dir: &Path, key: &str) -> Option<String> {
    let out = Command::new("git")
        .args(["config", "--get", key])
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let value = String::from_utf8(out.stdout).ok()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A non-empty environment variable. The command line is the one place that reads
/// the environment (ARCHITECTURE.md); this module is part of it.
#[allow(clippy::disallowed_methods)]
pub(crate) fn env(key: &str) -> Option<String> {
    std::env::var(key)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The IANA time zone that `TZ` names (`Europe/Berlin`, `:Europe/Berlin` or a path
/// into a zoneinfo folder), else `UTC`.
pub(crate) fn timezone_from_env() -> String {
    let Some(tz) = env("TZ") else {
        return "UTC".into();
    };
    let tz = tz.trim_start_matches(':');
    let name = match tz.find("zoneinfo/") {
        Some(i) => &tz[i + "zoneinfo/".len()..],
        None => tz,
    };
    // Only real zone names: POSIX rules such as `EST5EDT,M3.2.0,M11.1.0` or `CET-1`
    // are not roster time zones.
    let iana = name.contains('/') || matches!(name, "UTC" | "Etc/UTC");
    if iana && jiff::tz::TimeZone::get(name).is_ok() {
        name.to_string()
    } else {
        "UTC".into()
    }
}

/// The calendar date of `now` in time zone `tz` (UTC when it is unknown), as
/// `2026-11-24`.
pub(crate) fn local_date(now: Time, tz: Option<&str>) -> String {
    let zone = tz
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    now.to_zoned(zone).strftime("%Y-%m-%d").to_string()
}

/// Slugs and YAML scalars are the model's, shared with `docket import`: one
/// transliteration and one quoting rule wherever docket writes.
pub(crate) use docket_model::{slug, yaml_scalar};

/// Writes `text` to `path` only if no file is there yet, creating its folder. Returns
/// `false` (and writes nothing) when the file exists. Through the driver's one
/// atomic write: a reader never sees half a file.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<bool, docket_driver::DriverError> {
    docket_driver::write::create(path, text)
}

/// `path` relative to `root`, `/`-separated, for messages.
pub(crate) fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids() {
        let user = |n: Option<&str>, e: Option<&str>| GitUser {
            name: n.map(str::to_string),
            email: e.map(str::to_string),
        };
        assert_eq!(
            user(Some("Alice Ng"), Some("alice@example.com"))
                .derived_id()
                .as_deref(),
            Some("alice")
        );
        assert_eq!(
            user(None, Some("Jo.Smith+docs@example.com"))
                .derived_id()
                .as_deref(),
            Some("jo-smith")
        );
        assert_eq!(
            user(Some("Zoë Núñez"), None).derived_id().as_deref(),
            Some("zoe-nunez")
        );
        assert_eq!(user(None, None).derived_id(), None);
    }

    #[test]
    fn local_dates() {
        let now = docket_model::time::parse_time("2026-11-24T23:30:00Z").unwrap();
        assert_eq!(local_date(now, None), "2026-11-24");
        assert_eq!(local_date(now, Some("Asia/Tokyo")), "2026-11-25");
        assert_eq!(local_date(now, Some("Nowhere/Else")), "2026-11-24");
    }
}
