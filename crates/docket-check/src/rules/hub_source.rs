//! # hub-source
//!
//! **What it finds:** in a hub (a handbook whose `docket.toml` names
//! `[[sources]]`, see the organisation guide), a source that cannot be used:
//!
//! - an entry without a `name`, a name that cannot prefix an id, a name used
//!   twice, or an entry with both or neither of `path` and `json`;
//! - a `path` that is not a folder, or a checkout whose `docket.toml` is broken;
//! - a `json` file that is missing, unreadable, not JSON or not a
//!   `decisions.json` (pointed at the line the JSON reader stopped at);
//! - a `decisions.json` of a contract version this docket does not know.
//!
//! The same applies to the combined `decisions.json` given to `docket check
//! --sources FILE` or `[check] sources`.
//!
//! Each problem is one finding that names the source; the source is left out and
//! the rest of the hub is still checked and built.
//!
//! **Why:** a hub gathers files other pipelines published; one stale or broken
//! artifact must not take the organisation's index down, and it must not go
//! unnoticed either.
//!
//! **Example:**
//!
//! ```toml
//! [[sources]]
//! name = "platform"
//! json = "inputs/platform/decisions.json"   # the artifact was not downloaded
//! ```
//!
//! **Fix:** correct the path, publish the source's `decisions.json` again with a
//! docket that writes version 1, or give the source its own name.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::HubSource` under this rule's id (`rules/mod.rs`); the
// driver and `docket-hub` find them while reading the sources.

#[cfg(test)]
mod tests {
    #[test]
    fn forwards_the_sources_problems() {
        assert_eq!(
            crate::testing::forwards_repository_problems("hub-source", "docket.toml"),
            ["hub-source docket.toml"]
        );
    }

    #[test]
    fn passes_without_sources() {
        let r = crate::testing::repo(&[]);
        assert_eq!(crate::testing::run("hub-source", &r), Vec::<String>::new());
    }
}
