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
            .is_some_and(|v| git2::Config::parse_bool(v).unwrap_or(false))
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
