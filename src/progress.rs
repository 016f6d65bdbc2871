//! A progress line on standard error for long runs: shown only when standard error is a
//! terminal and the work has taken over a second, so pipes, CI logs and short runs see
//! nothing of it.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Wait before the first line, so quick runs print nothing.
const DELAY: Duration = Duration::from_secs(1);

/// A counter of finished items, drawn as `label done/total` until dropped.
pub struct Progress {
    done: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

impl Progress {
    /// Start counting toward `total` items; draws only on a terminal.
    pub fn new(label: &'static str, total: usize) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let drawer = std::io::stderr().is_terminal().then(|| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            std::thread::spawn(move || draw(label, total, &done, &stop))
        });
        Progress { done, stop, drawer }
    }

    /// Count one finished item.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

fn draw(label: &str, total: usize, done: &AtomicUsize, stop: &AtomicBool) {
    let started = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() < DELAY {
            continue;
        }
        let n = done.load(Ordering::Relaxed);
        let width = 30;
        let filled = (n.min(total) * width).checked_div(total).unwrap_or(width);
        let bar: String = "#".repeat(filled) + &" ".repeat(width - filled);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{label} [{bar}] {n}/{total}");
        let _ = err.flush();
        drawn = true;
    }
    if drawn {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}
