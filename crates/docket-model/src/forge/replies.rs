//! Reply times: for each pull request, the first review or comment by someone
//! other than its author and not a bot, measured from when the pull request asked
//! for replies ([`Pull::asked_at`]: marked ready, else opened). Wall-clock seconds,
//! and the responder's working seconds: only the time inside the responder's
//! working hours (the roster's `hours`, 09:00–17:00 by default, in their
//! `timezone`), Monday to Friday in their time zone. That is the honest reading of
//! "replies within 4 hours" across time zones: a question asked at the end of one
//! person's day waits for the other's morning without anybody being slow.

use jiff::civil::Weekday;
use jiff::tz::TimeZone;

use super::{Pull, bots, is_bot, roster_id};
use crate::availability::{DAY, DEFAULT_HOURS, hours_of, local_instant};
use crate::document::Person;
use crate::repo::Repository;
use crate::time::{Time, seconds_between};

/// The first reply to one pull request.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The pull request's number.
    pub number: Option<u64>,
    /// Its author's login.
    pub author: Option<String>,
    /// The responder's login.
    pub login: String,
    /// The responder's roster id, when the roster knows the login.
    pub person: Option<String>,
    /// When the pull request asked for replies.
    pub asked: Time,
    /// When the first reply came.
    pub replied: Time,
    /// Wall-clock seconds between the two.
    pub wall_seconds: i64,
    /// Seconds of the responder's working hours between the two; `None` when the
    /// roster does not know the responder or their time zone.
    pub working_seconds: Option<i64>,
}

impl Reply {
    /// The seconds the charter's `response_time` is compared with: working
    /// seconds where known, else wall-clock seconds.
    pub fn counted_seconds(&self) -> i64 {
        self.working_seconds.unwrap_or(self.wall_seconds)
    }

    /// Whether the reply came within `target` seconds ([`Reply::counted_seconds`]).
    pub fn within(&self, target: i64) -> bool {
        self.counted_seconds() <= target
    }

    /// The person it counts for: the roster id, else the login.
    pub fn who(&self) -> &str {
        self.person.as_deref().unwrap_or(&self.login)
    }
}

/// An open pull request that nobody has answered yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    /// Its number.
    pub number: Option<u64>,
    /// Its title.
    pub title: Option<String>,
    /// Its web page.
    pub url: Option<String>,
    /// Its author's login.
    pub author: Option<String>,
    /// When it asked for replies.
    pub asked: Time,
    /// Wall-clock seconds it has waited at the time asked about.
    pub waited: i64,
}

/// The reply times of an export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replies {
    /// The pull requests that got a first reply, in the export's order.
    pub replied: Vec<Reply>,
    /// Open pull requests, not drafts, asked before the time asked about and not
    /// answered yet, longest waiting first.
    pub waiting: Vec<Waiting>,
}

impl Replies {
    /// The pull requests waiting longer than `target` seconds.
    pub fn waiting_past(&self, target: i64) -> impl Iterator<Item = &Waiting> {
        self.waiting.iter().filter(move |w| w.waited > target)
    }
}

/// The first reply to `pull`: the earliest review (with a submission time) or
/// comment at or after [`Pull::asked_at`] by a login other than the author's that
/// does not match a bot pattern. `None` without one, or without a time to count
/// from.
pub fn first_reply<'p>(pull: &'p Pull, bot_patterns: &[String]) -> Option<(&'p str, Time)> {
    let asked = pull.asked_at()?;
    let author = pull.author_login().map(str::to_lowercase);
    let reviews = pull
        .reviews
        .iter()
        .flatten()
        .filter_map(|r| Some((r.login()?, r.submitted_at?)));
    let comments = pull
        .comments
        .iter()
        .flatten()
        .filter_map(|c| Some((c.login()?, c.created_at?)));
    reviews
        .chain(comments)
        .filter(|(login, at)| {
            *at >= asked
                && author.as_deref() != Some(login.to_lowercase().as_str())
                && !is_bot(bot_patterns, login)
        })
        .min_by_key(|(_, at)| *at)
}

/// Every first reply and every open pull request still waiting at `now`; `None`
/// without an export, or when it holds neither `reviews` nor `comments` (the
/// figures are unknown, not zero).
pub fn replies(repo: &Repository, now: Time) -> Option<Replies> {
    let forge = repo.forge.as_ref()?;
    let exported = forge
        .pulls
        .iter()
        .any(|p| p.reviews.is_some() || p.comments.is_some());
    if !exported {
        return None;
    }
    let patterns = bots(repo);
    let mut out = Replies::default();
    for pull in &forge.pulls {
        let Some(asked) = pull.asked_at() else {
            continue;
        };
        match first_reply(pull, patterns) {
            Some((login, at)) => {
                let person = roster_id(repo, login);
                let working = person
                    .as_deref()
                    .and_then(|id| repo.person(id))
                    .and_then(|p| working_seconds(p, asked, at));
                out.replied.push(Reply {
                    number: pull.number,
                    author: pull.author_login().map(str::to_string),
                    login: login.to_string(),
                    person,
                    asked,
                    replied: at,
                    wall_seconds: seconds_between(asked, at),
                    working_seconds: working,
                });
            }
            None if pull.is_open() && !pull.is_draft() && asked <= now => {
                out.waiting.push(Waiting {
                    number: pull.number,
                    title: pull.title.clone(),
                    url: pull.url.clone(),
                    author: pull.author_login().map(str::to_string),
                    asked,
                    waited: seconds_between(asked, now),
                });
            }
            None => {}
        }
    }
    out.waiting
        .sort_by(|a, b| b.waited.cmp(&a.waited).then(a.number.cmp(&b.number)));
    Some(out)
}

/// The seconds between `from` and `to` inside `person`'s working hours (their
/// `hours`, else 09:00–17:00, in their `timezone`; a shift that ends after
/// midnight belongs to the day it starts), counting the shifts that start Monday
/// to Friday. `None` when the person's time zone is unknown.
pub fn working_seconds(person: &Person, from: Time, to: Time) -> Option<i64> {
    let tz = TimeZone::get(person.timezone.as_deref()?).ok()?;
    if to <= from {
        return Some(0);
    }
    let (start, written_end) = hours_of(person).unwrap_or(DEFAULT_HOURS);
    let end = if written_end <= start {
        written_end + DAY
    } else {
        written_end
    };
    // A shift that started the day before may still run at `from`.
    let mut day = from.to_zoned(tz.clone()).date().yesterday().ok()?;
    let last = to.to_zoned(tz.clone()).date();
    let mut total = 0;
    // Ten years of days at most: an export with absurd dates costs no more.
    for _ in 0..3660 {
        if day > last {
            break;
        }
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
            && let (Some(a), Some(b)) =
                (local_instant(day, start, &tz), local_instant(day, end, &tz))
        {
            let lo = a.max(from);
            let hi = b.min(to);
            if hi > lo {
                total += seconds_between(lo, hi);
            }
        }
        day = day.tomorrow().ok()?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn person(tz: &str, hours: Option<&str>) -> Person {
        let mut yaml = format!("- id: p\n  name: P\n  timezone: {tz}\n");
        if let Some(h) = hours {
            yaml.push_str(&format!("  hours: \"{h}\"\n"));
        }
        let repo = Repository::from_texts(
            crate::Config::default(),
            vec![("docs/people.yaml".into(), yaml)],
        );
        repo.person("p").unwrap().clone()
    }

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    #[test]
    fn working_seconds_skip_nights_and_weekends() {
        let berlin = person("Europe/Berlin", None);
        // Monday 22:00 to Tuesday 09:30 in Berlin: half an hour of work.
        assert_eq!(
            working_seconds(
                &berlin,
                t("2026-11-16T21:00:00Z"),
                t("2026-11-17T08:30:00Z")
            ),
            Some(1800)
        );
        // Friday 16:30 to Monday 09:15 in Berlin: 30 + 15 minutes.
        assert_eq!(
            working_seconds(
                &berlin,
                t("2026-11-20T15:30:00Z"),
                t("2026-11-23T08:15:00Z")
            ),
            Some(45 * 60)
        );
        // An overnight shift belongs to the day it starts: Friday 22:00 to Saturday
        // 06:00 counts, Saturday night does not.
        let night = person("UTC", Some("22:00-06:00"));
        assert_eq!(
            working_seconds(&night, t("2026-11-21T00:00:00Z"), t("2026-11-22T12:00:00Z")),
            Some(6 * 3600)
        );
        assert_eq!(
            working_seconds(
                &person("Mars/Olympus", None),
                t("2026-11-16T21:00:00Z"),
                t("2026-11-17T08:30:00Z")
            ),
            None
        );
    }
}
