//! Statuses as existing records write them (`Accepted`, `**Proposed**`,
//! `Superseded by [3. X](0003-x.md)`, `On Hold`), mapped to docket's.

use std::ops::Range;

use crate::document::{Spanned, StatusSource, StatusStatement};
use crate::kind::DECISION_STATUSES;

use super::refs::reference_in;

/// A status after normalisation (see [`normalize_status`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedStatus {
    /// One of docket's statuses, or the written words in lowercase.
    pub status: String,
    /// Whether `status` is one of docket's statuses.
    pub known: bool,
    /// For `superseded by X`: the reference to X as written (a file name or number).
    pub superseded_by: Option<String>,
}

/// Maps a status as written in an existing record to docket's statuses:
/// case-insensitive, emphasis and a final period dropped, `Superseded by [3. X](…)`
/// (or MADR's `superseded by ADR-0003`) read as `superseded` plus its reference, and a
/// known first word kept (`Accepted on 2020-01-02` → `accepted`). Anything else is
/// kept as written, in lowercase, and marked unknown.
pub fn normalize_status(written: &str) -> NormalizedStatus {
    let plain: String = written
        .chars()
        .filter(|c| !matches!(c, '*' | '`'))
        .collect::<String>()
        .trim()
        .trim_matches('_')
        .trim_end_matches('.')
        .trim()
        .to_lowercase();
    let word: String = plain
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    if word == "superseded" || word == "superceded" {
        return NormalizedStatus {
            status: "superseded".into(),
            known: true,
            superseded_by: reference_in(written),
        };
    }
    if DECISION_STATUSES.contains(&word.as_str()) {
        return NormalizedStatus {
            status: word,
            known: true,
            superseded_by: None,
        };
    }
    let collapsed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    NormalizedStatus {
        status: collapsed,
        known: false,
        superseded_by: None,
    }
}

/// What an unknown status reads like, for the help of `invalid-value`.
pub fn status_hint(status: &str) -> Option<&'static str> {
    let s = status.trim().to_lowercase();
    let first = s.split_whitespace().next().unwrap_or("");
    Some(match first {
        "draft" | "open" | "new" | "pending" | "review" | "discussing" | "proposal" => "proposed",
        "on" | "hold" | "postponed" | "paused" | "deferred" | "parked" => {
            "proposed` with a later `deadline`, or `deprecated"
        }
        "final" | "approved" | "adopted" | "agreed" | "decided" | "done" | "implemented"
        | "living" | "active" | "amended" => "accepted",
        "withdrawn" | "abandoned" | "declined" | "stagnant" | "cancelled" | "canceled" => {
            "rejected"
        }
        "obsolete" | "retired" | "replaced" => "deprecated",
        _ => return None,
    })
}

/// One statement of a status, normalised.
pub(crate) fn statement(
    written: &str,
    range: Range<usize>,
    source: StatusSource,
) -> StatusStatement {
    let n = normalize_status(written);
    StatusStatement {
        written: Spanned::new(written.to_string(), range),
        status: n.status,
        known: n.known,
        source,
    }
}

/// The help's aside for a status outside docket's set that reads like one of them:
/// `` (`final` reads like `accepted`)``, or nothing.
pub(crate) fn reads_like(shown: &str, status: &str) -> String {
    status_hint(status)
        .map(|h| format!(" (`{shown}` reads like `{h}`)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_normalise() {
        let n = |s: &str| normalize_status(s);
        assert_eq!(n("Accepted").status, "accepted");
        assert_eq!(n("**Proposed**").status, "proposed");
        assert_eq!(n("rejected.").status, "rejected");
        assert_eq!(n("Deprecated").status, "deprecated");
        let s = n("Superseded by [3. Use X](0003-use-x.md)");
        assert_eq!(s.status, "superseded");
        assert_eq!(s.superseded_by.as_deref(), Some("0003-use-x.md"));
        let s = n("superseded by ADR-0123");
        assert_eq!(s.superseded_by.as_deref(), Some("0123"));
        let s = n("On Hold");
        assert_eq!((s.status.as_str(), s.known), ("on hold", false));
        assert!(!n("Final").known);
        assert!(!n("Draft").known);
        assert_eq!(n("Accepted on 2020-01-02").status, "accepted");
        assert_eq!(status_hint("draft"), Some("proposed"));
        assert_eq!(status_hint("final"), Some("accepted"));
        assert!(status_hint("on hold").is_some());
    }
}
