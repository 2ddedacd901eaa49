//! Stage timings inside the pipeline, printed on standard error when
//! `NEWSGRAPH_TIMINGS` is set (`timing:   read the cached facts 3.210 s`),
//! indented under the command's own stages, for benches/store.sh.

use std::time::Instant;

/// A stopwatch that prints each lap when `NEWSGRAPH_TIMINGS` is set.
pub(crate) struct Laps(Option<Instant>);

impl Laps {
    /// Starts timing (a no-op unless `NEWSGRAPH_TIMINGS` is set).
    pub(crate) fn start() -> Laps {
        Laps(std::env::var_os("NEWSGRAPH_TIMINGS").map(|_| Instant::now()))
    }

    /// Prints the time since the last lap, under `stage`.
    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some(start) = &mut self.0 {
            eprintln!("timing:   {stage} {:.3} s", start.elapsed().as_secs_f64());
            *start = Instant::now();
        }
    }

    /// Prints a note among the laps (what a stage did).
    pub(crate) fn note(&self, text: &str) {
        if self.0.is_some() {
            eprintln!("timing:   ({text})");
        }
    }
}
