//! Where a build's time went: named phases, measured back to back, for `build --timings`.

use std::time::{Duration, Instant};

/// How long one phase took: on the clock, and in CPU time of all threads together (more
/// than the clock when the phase ran in parallel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub name: &'static str,
    pub wall: Duration,
    /// `None` where the system does not tell CPU time.
    pub cpu: Option<Duration>,
}

/// Consecutive phases of one build and how long each took.
#[derive(Debug, Clone)]
pub struct Timings {
    last: (Instant, Option<Duration>),
    phases: Vec<Phase>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: (Instant::now(), crate::sys::process_cpu()),
            phases: Vec::new(),
        }
    }
}

impl Timings {
    /// Ends the phase called `name`, which began where the previous one ended.
    pub fn lap(&mut self, name: &'static str) {
        let now = (Instant::now(), crate::sys::process_cpu());
        self.phases.push(Phase {
            name,
            wall: now.0 - self.last.0,
            cpu: now
                .1
                .zip(self.last.1)
                .map(|(now, then)| now.saturating_sub(then)),
        });
        self.last = now;
    }

    /// The phases in order.
    pub fn phases(&self) -> &[Phase] {
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
        // Busy for a while: CPU time is counted too.
        let started = Instant::now();
        let mut x = 0u64;
        while started.elapsed() < Duration::from_millis(20) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        timings.lap("second");
        let names: Vec<&str> = timings.phases().iter().map(|p| p.name).collect();
        assert_eq!(names, ["first", "second"]);
        assert!(timings.phases()[0].wall >= Duration::from_millis(2));
        if let Some(cpu) = timings.phases()[1].cpu {
            assert!(cpu >= Duration::from_millis(5));
        }
    }
}
