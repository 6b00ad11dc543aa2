//! Where a job's time goes (`docket build --timings`, `docket check --timings`):
//! the wall time of each phase, in order, with what it handled. Phases that run
//! on every core at once also say the time their threads spent in each part,
//! summed, so that a slow part shows even when its threads overlap.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// The phases of one job, in the order they ran.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Each phase: its name, wall time and what it handled.
    pub phases: Vec<Phase>,
}

/// One phase of a job.
#[derive(Debug, Clone)]
pub struct Phase {
    /// `walk`, `read + parse`, `history`, `check`, `prepare`, `pages`, `swap`…
    pub name: &'static str,
    /// Wall time.
    pub time: Duration,
    /// What it handled (`10,012 files, 66.1 MB`), or empty.
    pub detail: String,
}

impl Timings {
    /// Records a phase that took `time`.
    pub fn record(&mut self, name: &'static str, time: Duration, detail: impl Into<String>) {
        self.phases.push(Phase {
            name,
            time,
            detail: detail.into(),
        });
    }

    /// Runs `f` as phase `name` and records its wall time.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        self.record(name, started.elapsed(), "");
        out
    }

    /// The phases as an aligned table with a total, for standard error.
    pub fn render(&self) -> String {
        let width = self.phases.iter().map(|p| p.name.len()).max().unwrap_or(0);
        let mut out = String::from("timings (wall time):\n");
        let mut total = Duration::ZERO;
        for p in &self.phases {
            total += p.time;
            let _ = write!(out, "  {:<width$}  {:>9}", p.name, seconds(p.time));
            if !p.detail.is_empty() {
                let _ = write!(out, "  {}", p.detail);
            }
            out.push('\n');
        }
        let _ = writeln!(out, "  {:<width$}  {:>9}", "total", seconds(total));
        out
    }
}

/// `1.234 s`.
pub fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// `1 finding`, `3 findings`.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// `66.1 MB`, `812 KB`, `93 B`.
pub fn bytes(n: u64) -> String {
    match n {
        n if n >= 1_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        n if n >= 1_000 => format!("{} KB", n / 1_000),
        n => format!("{n} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_a_total() {
        let mut t = Timings::default();
        t.record("walk", Duration::from_millis(12), "3 files");
        t.record("check", Duration::from_millis(1500), "");
        let shown = t.render();
        assert!(shown.contains("  walk     0.012 s  3 files\n"), "{shown}");
        assert!(shown.contains("  total    1.512 s\n"), "{shown}");
        assert_eq!(bytes(66_100_000), "66.1 MB");
    }
}
