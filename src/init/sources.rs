//! Where things come from, as far as `docket init` can tell without inventing
//! anything: the command that installs the running docket again (for the CI
//! workflow), and the repository's web address (for the site's commit and edit
//! links). When it cannot tell, the caller writes an empty, commented setting for
//! the user to fill in.

use std::path::Path;

/// The command that installs the running docket again, when cargo installed it
/// from a git repository: `cargo install` records each install in `.crates2.json`
/// beside the `bin` folder it wrote the binary to (`~/.cargo`, or `--root`).
pub(crate) fn install_command() -> Option<String> {
    let exe = std::env::current_exe().ok()?.canonicalize().ok()?;
    let bin_dir = exe.parent()?;
    if bin_dir.file_name()? != "bin" {
        return None;
    }
    let record = std::fs::read_to_string(bin_dir.parent()?.join(".crates2.json")).ok()?;
    install_from_record(&record, exe.file_name()?.to_str()?)
}

/// From cargo's install record, the command that installs the package whose
/// binary is `bin` from the same commit of the same git repository. Registry and
/// path installs give nothing: the crate named `docket` on crates.io is another
/// program, and a local path means nothing on a CI runner.
fn install_from_record(record: &str, bin: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(record).ok()?;
    let bin = bin.strip_suffix(".exe").unwrap_or(bin);
    json["installs"]
        .as_object()?
        .iter()
        .find_map(|(key, install)| {
            let ours = install["bins"].as_array()?.iter().any(|b| {
                b.as_str()
                    .is_some_and(|b| b.strip_suffix(".exe").unwrap_or(b) == bin)
            });
            if !ours {
                return None;
            }
            // `docket 0.1.0 (git+https://host/owner/docket?branch=main#<commit>)`
            let (package, rest) = key.split_once(' ')?;
            let source = rest.split_once(" (")?.1.strip_suffix(')')?;
            let (url, commit) = source.strip_prefix("git+")?.rsplit_once('#')?;
            let url = url.split_once('?').map_or(url, |(u, _)| u);
            // The command runs in a shell: only plain URLs, commits and names.
            let plain = |s: &str, extra: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
            };
            let ok = plain(url, ":/._-~@%+=")
                && plain(package, "_-")
                && commit.len() >= 7
                && commit.chars().all(|c| c.is_ascii_hexdigit());
            ok.then(|| format!("cargo install --locked --git {url} --rev {commit} {package}"))
        })
}

/// Forges whose web address is `https://HOST/OWNER/REPO` for an SSH remote
/// `git@HOST:OWNER/REPO.git`. For other hosts an SSH remote says nothing sure
/// about the web address.
const FORGES: &[&str] = &["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"];

/// The web address of the repository at `root`, from its git remote `origin`:
/// an `https` remote without credentials and `.git`, or an SSH remote of a known
/// forge. `None` when there is no such remote.
pub(crate) fn repo_url(root: &Path) -> Option<String> {
    web_address(&crate::authoring::git_config(root, "remote.origin.url")?)
}

/// The web address of the git remote `remote`, when it has one for sure.
fn web_address(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (host, path) = if let Some(rest) = remote.strip_prefix("https://") {
        let (authority, path) = rest.split_once('/')?;
        // Credentials (`user:token@`) never go into docket.toml.
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        (host.to_string(), path)
    } else {
        // `git@HOST:OWNER/REPO.git` or `ssh://git@HOST[:PORT]/OWNER/REPO.git`.
        let (host, path) = match remote.strip_prefix("ssh://") {
            Some(rest) => {
                let (authority, path) = rest.split_once('/')?;
                let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
                (host.split_once(':').map_or(host, |(h, _)| h), path)
            }
            None => {
                let (user_host, path) = remote.split_once(':')?;
                (
                    user_host.rsplit_once('@').map_or(user_host, |(_, h)| h),
                    path,
                )
            }
        };
        if !FORGES.contains(&host) {
            return None;
        }
        (host.to_string(), path)
    };
    address(&host, path)
}

/// `https://HOST/PATH` without a trailing `.git` or `/`, for a path of at least
/// two parts.
fn address(host: &str, path: &str) -> Option<String> {
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let parts = path.split('/').filter(|p| !p.is_empty()).count();
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/~".contains(c))
    };
    (parts >= 2 && !host.is_empty() && plain(host) && plain(path))
        .then(|| format!("https://{host}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_install_is_installed_again_at_its_commit() {
        let record = r#"{"installs": {
            "ripgrep 14.1.0 (registry+https://github.com/rust-lang/crates.io-index)": {"bins": ["rg"]},
            "docket 0.1.0 (git+https://github.com/o/docket?branch=main#0123456789abcdef0123456789abcdef01234567)": {"bins": ["docket"]}
        }}"#;
        assert_eq!(
            install_from_record(record, "docket").as_deref(),
            Some(
                "cargo install --locked --git https://github.com/o/docket --rev 0123456789abcdef0123456789abcdef01234567 docket"
            )
        );
        assert_eq!(install_from_record(record, "rg"), None);
        let path =
            r#"{"installs": {"docket 0.1.0 (path+file:///home/me/docket)": {"bins": ["docket"]}}}"#;
        assert_eq!(install_from_record(path, "docket"), None);
        let shell = r#"{"installs": {"docket 0.1.0 (git+https://h/$(rm -rf ~)#0123456)": {"bins": ["docket"]}}}"#;
        assert_eq!(install_from_record(shell, "docket"), None);
    }

    #[test]
    fn web_addresses_of_remotes() {
        let w = |r: &str| web_address(r);
        assert_eq!(
            w("https://github.com/acme/handbook.git").as_deref(),
            Some("https://github.com/acme/handbook")
        );
        assert_eq!(
            w("https://user:secret@gitlab.com/group/sub/handbook").as_deref(),
            Some("https://gitlab.com/group/sub/handbook")
        );
        assert_eq!(
            w("git@github.com:acme/handbook.git").as_deref(),
            Some("https://github.com/acme/handbook")
        );
        assert_eq!(
            w("ssh://git@codeberg.org/acme/handbook.git").as_deref(),
            Some("https://codeberg.org/acme/handbook")
        );
        assert_eq!(w("git@git.internal:acme/handbook.git"), None);
        assert_eq!(w("/srv/git/handbook.git"), None);
        assert_eq!(w("file:///srv/git/handbook.git"), None);
        assert_eq!(w("https://github.com/"), None);
    }
}
