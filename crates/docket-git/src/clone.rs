//! What kind of clone a repository is, as far as history is concerned.

/// Whether the repository is a partial clone (`git clone --filter=…`): objects are
/// left on a promisor remote on purpose. Git marks it with `remote.<name>.promisor`
/// (older versions: `extensions.partialClone`) in the repository's own configuration,
/// and keeps a `.promisor` file beside each pack it fetched that way.
pub(crate) fn is_partial_clone(repo: &git2::Repository) -> bool {
    promisor_config(repo) || promisor_packs(repo)
}

fn promisor_config(repo: &git2::Repository) -> bool {
    let Ok(config) = repo
        .config()
        .and_then(|c| c.open_level(git2::ConfigLevel::Local))
    else {
        return false;
    };
    if config.get_string("extensions.partialclone").is_ok() {
        return true;
    }
    let Ok(mut entries) = config.entries(Some(r"remote\..*\.promisor")) else {
        return false;
    };
    while let Some(Ok(entry)) = entries.next() {
        if entry
            .value()
            .is_ok_and(|v| git2::Config::parse_bool(v).unwrap_or(false))
        {
            return true;
        }
    }
    false
}

fn promisor_packs(repo: &git2::Repository) -> bool {
    let Ok(dir) = std::fs::read_dir(repo.commondir().join("objects").join("pack")) else {
        return false;
    };
    dir.filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "promisor"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_promisor_remote_or_a_promisor_pack_makes_a_partial_clone() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(tmp.path()).unwrap();
        assert!(!is_partial_clone(&repo));

        let mut config = repo
            .config()
            .unwrap()
            .open_level(git2::ConfigLevel::Local)
            .unwrap();
        config.set_str("remote.origin.promisor", "false").unwrap();
        assert!(
            !is_partial_clone(&repo),
            "`promisor = false` is not partial"
        );
        config.set_str("remote.origin.promisor", "true").unwrap();
        assert!(is_partial_clone(&repo));
        config.remove("remote.origin.promisor").unwrap();
        assert!(!is_partial_clone(&repo));

        let pack = repo.path().join("objects/pack");
        std::fs::create_dir_all(&pack).unwrap();
        std::fs::write(pack.join("pack-0123.promisor"), "").unwrap();
        assert!(is_partial_clone(&repo));
    }
}
