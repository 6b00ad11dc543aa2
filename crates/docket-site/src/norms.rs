//! The charter's norms as the charter page and the home page show them first: the
//! numbers of its front matter (SPEC §3) that the checks and figures hold the team
//! to, in words, each marked when it is docket's default rather than written.

use docket_model::{Kind, Norms, Repository};

use crate::markdown::slug;
use crate::urls::Urls;
use crate::views::NormView;

/// A duration in words: `4 hours`, `48 hours`, `30 minutes`, `3 days`.
fn duration(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match seconds {
        s if s % 3600 != 0 => plural(s / 60, "minute"),
        s if s >= 96 * 3600 && s % 86_400 == 0 => plural(s / 86_400, "day"),
        s => plural(s / 3600, "hour"),
    }
}

/// `25 or 50 minutes`, `15, 25 or 50 minutes`.
fn lengths(minutes: &[i64]) -> String {
    let words: Vec<String> = minutes.iter().map(i64::to_string).collect();
    match words.split_last() {
        None => "none".to_string(),
        Some((last, [])) => format!("{last} minutes"),
        Some((last, rest)) => format!("{} or {last} minutes", rest.join(", ")),
    }
}

/// The norms of `repo`'s charter, in the order a reader needs them, and a link to the
/// charter's `Escalation` section when it has one.
pub(crate) fn norms(repo: &Repository, urls: &Urls) -> Vec<NormView> {
    let n: &Norms = repo.norms();
    let charter = repo.of_kind(Kind::Charter).next();
    let written = |key: &str| {
        charter
            .and_then(|c| c.front.as_ref())
            .is_some_and(|f| f.has(key))
    };
    let norm = |label: &str, value: String, key: &str| NormView {
        label: label.to_string(),
        value,
        key: key.to_string(),
        default: !written(key),
        url: None,
    };
    let mut out = vec![
        norm("Replies within", duration(n.response_time), "response_time"),
        norm(
            "Proposed decisions decided within",
            duration(n.decision_deadline),
            "decision_deadline",
        ),
        norm(
            "Blockers resolved within",
            duration(n.blocker_resolution),
            "blocker_resolution",
        ),
        norm(
            "A brief for tasks over",
            duration(n.brief_threshold),
            "brief_threshold",
        ),
        norm(
            "Meetings last",
            lengths(&n.meeting_lengths),
            "meeting_lengths",
        ),
        norm(
            "Agendas shared ahead by",
            duration(n.agenda_lead_time),
            "agenda_lead_time",
        ),
        norm(
            "Meeting-free focus block a day",
            duration(n.focus_block),
            "focus_block",
        ),
    ];
    let escalation = charter.and_then(|c| {
        let h = c
            .outline
            .headings
            .iter()
            .find(|h| h.text.trim().eq_ignore_ascii_case("escalation"))?;
        Some(format!("{}#{}", urls.of(c), slug(&h.text)))
    });
    if let Some(url) = escalation {
        out.push(NormView {
            label: "Escalation".to_string(),
            value: "see the charter's section".to_string(),
            key: String::new(),
            default: false,
            url: Some(url),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_lengths_in_words() {
        assert_eq!(duration(4 * 3600), "4 hours");
        assert_eq!(duration(48 * 3600), "48 hours");
        assert_eq!(duration(3600), "1 hour");
        assert_eq!(duration(30 * 60), "30 minutes");
        assert_eq!(duration(7 * 86_400), "7 days");
        assert_eq!(lengths(&[25, 50]), "25 or 50 minutes");
        assert_eq!(lengths(&[15, 25, 50]), "15, 25 or 50 minutes");
        assert_eq!(lengths(&[30]), "30 minutes");
    }
}
