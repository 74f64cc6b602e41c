//! Where a build's time went: named phases, measured back to back, for `build --timings`.

use std::time::{Duration, Instant};

/// Consecutive phases of one build and how long each took.
#[derive(Debug, Clone)]
pub struct Timings {
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }
}

impl Timings {
    /// Ends the phase called `name`, which began where the previous one ended.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }

    /// The phases in order, each with its duration.
    pub fn phases(&self) -> &[(&'static str, Duration)] {
        &self.phases
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_are_consecutive_and_named() {
        let mut timings = Timings::default();
        std::thread::sleep(Duration::from_millis(2));
        timings.lap("first");
        timings.lap("second");
        let names: Vec<&str> = timings.phases().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["first", "second"]);
        assert!(timings.phases()[0].1 >= Duration::from_millis(2));
    }
}
