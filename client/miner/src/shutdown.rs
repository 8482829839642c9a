//! Stopping long-running commands (`mine`, `sequencer`) cleanly.

/// Resolves on Ctrl-C or SIGTERM.
pub async fn signal() {
	#[cfg(unix)]
	{
		let mut term =
			match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
				Ok(term) => term,
				Err(_) => {
					let _ = tokio::signal::ctrl_c().await;
					return;
				},
			};
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = term.recv() => {},
		}
	}
	#[cfg(not(unix))]
	{
		let _ = tokio::signal::ctrl_c().await;
	}
}
