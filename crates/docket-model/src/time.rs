//! Dates, times and durations as the SPEC writes them (§3): ISO 8601 dates
//! (`2026-11-24`, midnight UTC), date-times with `Z` or an offset, and durations such
//! as `48h`, `30m`, `2d`, `1w`.

use jiff::Timestamp;
use jiff::civil::Date;

/// A point in time.
pub type Time = Timestamp;

/// Parses an ISO 8601 date or date-time. A date alone counts as 00:00 UTC (SPEC §10).
pub fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim();
    if s.len() == 10 {
        let date: Date = s.parse().ok()?;
        return date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp());
    }
    // Accept a space instead of `T`, as YAML timestamps allow.
    let normalized;
    let s = if s.len() > 10 && s.as_bytes()[10] == b' ' {
        normalized = format!("{}T{}", &s[..10], &s[11..]);
        normalized.as_str()
    } else {
        s
    };
    s.parse::<Timestamp>().ok()
}

/// Formats a time as `2026-11-24T16:00:00Z`.
pub fn format_time(t: Time) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Formats a time's UTC date as `2026-11-24`.
pub fn format_date(t: Time) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

/// Parses a duration (`48h`, `30m`, `2d`, `1w`, `90s`, `1h30m`) into seconds.
/// A bare number counts as hours.
pub fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(hours) = s.parse::<f64>() {
        return (hours.is_finite() && hours >= 0.0).then(|| (hours * 3600.0).round() as i64);
    }
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        if c == ' ' {
            continue;
        }
        let unit = match c {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86_400.0,
            'w' => 604_800.0,
            _ => return None,
        };
        let n: f64 = number.parse().ok()?;
        number.clear();
        total = total.checked_add((n * unit).round() as i64)?;
    }
    number.is_empty().then_some(total)
}

/// Formats seconds as a short human duration: `2d 4h`, `3h`, `45m`.
pub fn format_duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// Adds seconds to a time, saturating at the ends of the representable range.
pub fn add_seconds(t: Time, seconds: i64) -> Time {
    t.checked_add(jiff::SignedDuration::from_secs(seconds))
        .unwrap_or(t)
}

/// Seconds from `a` to `b` (negative when `b` is earlier).
pub fn seconds_between(a: Time, b: Time) -> i64 {
    b.as_second() - a.as_second()
}

/// Parses working hours `HH:MM-HH:MM` into minutes after midnight.
pub fn parse_hours(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-')?;
    let minutes = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
    };
    Some((minutes(a)?, minutes(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        let d = parse_time("2026-11-24").map(format_time);
        assert_eq!(d.as_deref(), Some("2026-11-24T00:00:00Z"));
        let t = parse_time("2026-11-24T18:00:00+02:00").map(format_time);
        assert_eq!(t.as_deref(), Some("2026-11-24T16:00:00Z"));
        assert!(parse_time("2026-13-01").is_none());
        assert!(parse_time("yesterday").is_none());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("48h"), Some(172_800));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("2d"), Some(172_800));
        assert_eq!(parse_duration("4"), Some(14_400));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(format_duration(93_600), "1d 2h");
    }
}
