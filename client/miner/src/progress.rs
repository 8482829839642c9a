//! Time of day for log lines, and the progress display of long work (proving).

use std::{
	io::{IsTerminal, Write},
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	thread,
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

/// The UTC time of day, `HH:MM:SS.mmm`.
pub fn clock() -> String {
	let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
	let ms = now.as_millis() % 86_400_000;
	format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

/// A running display of work in progress: on a terminal, a line on stderr rewritten every
/// 200 ms with a spinner and the elapsed time; elsewhere (logs, pipes) nothing until
/// [`Progress::finish`], so logs keep one line per step.
pub struct Progress {
	start: Instant,
	done: Arc<AtomicBool>,
	painter: Option<thread::JoinHandle<()>>,
}

impl Progress {
	/// Start showing `what` (e.g. `proving sequence #4`).
	pub fn start(what: String) -> Self {
		let start = Instant::now();
		let done = Arc::new(AtomicBool::new(false));
		let painter = std::io::stderr().is_terminal().then(|| {
			let done = done.clone();
			thread::spawn(move || {
				let frames = ['|', '/', '-', '\\'];
				let mut i = 0usize;
				while !done.load(Ordering::Relaxed) {
					let mut err = std::io::stderr().lock();
					let _ = write!(
						err,
						"\r  {} {what}: {:.1} s",
						frames[i % frames.len()],
						start.elapsed().as_secs_f32()
					);
					let _ = err.flush();
					drop(err);
					i = i.wrapping_add(1);
					thread::sleep(Duration::from_millis(200));
				}
				let _ = write!(std::io::stderr(), "\r\x1b[2K");
			})
		});
		Self { start, done, painter }
	}

	/// Stop the display; the elapsed time.
	pub fn finish(mut self) -> Duration {
		self.stop();
		self.start.elapsed()
	}

	fn stop(&mut self) {
		self.done.store(true, Ordering::Relaxed);
		if let Some(painter) = self.painter.take() {
			let _ = painter.join();
		}
	}
}

impl Drop for Progress {
	fn drop(&mut self) {
		self.stop();
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn clock_is_a_time_of_day() {
		let c = clock();
		assert_eq!(c.len(), 12, "{c}");
		assert_eq!((&c[2..3], &c[5..6], &c[8..9]), (":", ":", "."));
		let hours: u32 = c[..2].parse().unwrap();
		assert!(hours < 24);
	}

	#[test]
	fn progress_measures_the_work() {
		let progress = Progress::start("sleeping".into());
		thread::sleep(Duration::from_millis(30));
		assert!(progress.finish() >= Duration::from_millis(30));
	}
}
