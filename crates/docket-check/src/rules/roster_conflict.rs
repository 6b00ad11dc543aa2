//! # roster-conflict
//!
//! **What it finds:** in a hub, a roster id that two sources (or a source and the
//! hub itself) give to people with a different `name` or `timezone`. The finding
//! names both sources and both values, at the second source in `docket.toml`.
//!
//! **Why:** the hub's people pages join every roster by id: `alice` in payments
//! and `alice` in platform are taken to be one person. When they disagree, either
//! they are two people (and one roster should use another id) or one roster is
//! stale, and the hub would show whichever it read first.
//!
//! **Example:** payments' `people.yaml` has `{id: alice, name: Alice Ng,
//! timezone: Europe/Berlin}` and platform's `{id: alice, name: Alice Ng,
//! timezone: America/New_York}`.
//!
//! **Fix:** correct the stale roster, or give the two people different ids.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::RosterConflict` under this rule's id (`rules/mod.rs`);
// `docket-hub` finds them when it joins the rosters.

#[cfg(test)]
mod tests {
    #[test]
    fn forwards_the_conflicts() {
        assert_eq!(
            crate::testing::forwards_repository_problems("roster-conflict", "docket.toml"),
            ["roster-conflict docket.toml"]
        );
    }

    #[test]
    fn passes_without_sources() {
        let r = crate::testing::repo(&[]);
        assert_eq!(
            crate::testing::run("roster-conflict", &r),
            Vec::<String>::new()
        );
    }
}
