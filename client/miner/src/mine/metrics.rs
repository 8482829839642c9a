//! The miner's Prometheus metrics (`--prometheus-port`), served at `/metrics` by
//! `substrate-prometheus-endpoint`, the exporter the node itself uses. The list, with what
//! each means, is in the miner's README ("Metrics"); every name starts with `zkmine_miner_`.

use anyhow::{Context, Result};
use prometheus_endpoint::{
	exponential_buckets, register, Counter, CounterVec, Gauge, Histogram, HistogramOpts, Opts,
	Registry, F64, U64,
};
use std::{net::SocketAddr, time::Duration};

/// Every metric of a `mine` session.
#[derive(Clone)]
pub struct Metrics {
	/// Sequences submitted on chain that the miner saw (new or found at start).
	pub sequences_seen: Counter<U64>,
	/// Proving jobs by outcome: `proved`, `refused`, `failed`, `invalid`, `abandoned`,
	/// `not_started`.
	pub proofs: CounterVec<U64>,
	/// Wall-clock time of the proofs made.
	pub proving_seconds: Histogram,
	/// Proving jobs running now.
	pub proving_jobs: Gauge<U64>,
	/// Commitments of this miner included on chain.
	pub commits: Counter<U64>,
	/// Reveals of this miner included on chain.
	pub reveals: Counter<U64>,
	/// Sequences not committed to, by reason: `unprofitable`, `no_capacity`.
	pub declined: CounterVec<U64>,
	/// Rewards paid to this miner.
	pub rewards: Counter<U64>,
	/// Their total, in whole tokens.
	pub rewarded_tokens: Counter<F64>,
	/// Slashes of this miner.
	pub slashes: Counter<U64>,
	/// Their total, in whole tokens.
	pub slashed_tokens: Counter<F64>,
	/// This miner's commitments on chain whose proof is not revealed yet.
	pub pending_reveals: Gauge<U64>,
	/// Unfinished sequences the miner follows.
	pub tracked_sequences: Gauge<U64>,
	/// The best block minus the last block processed.
	pub head_lag_blocks: Gauge<U64>,
	/// The last block processed.
	pub processed_block: Gauge<U64>,
}

fn counter(registry: &Registry, name: &str, help: &str) -> Result<Counter<U64>> {
	Ok(register(Counter::new(name, help)?, registry)?)
}

fn gauge(registry: &Registry, name: &str, help: &str) -> Result<Gauge<U64>> {
	Ok(register(Gauge::new(name, help)?, registry)?)
}

impl Metrics {
	/// The metrics, registered in `registry`.
	pub fn new(registry: &Registry) -> Result<Self> {
		Ok(Self {
			sequences_seen: counter(
				registry,
				"zkmine_miner_sequences_seen_total",
				"Sequences seen on chain",
			)?,
			proofs: register(
				CounterVec::new(
					Opts::new("zkmine_miner_proofs_total", "Proving jobs by outcome"),
					&["outcome"],
				)?,
				registry,
			)?,
			proving_seconds: register(
				Histogram::with_opts(
					HistogramOpts::new("zkmine_miner_proving_seconds", "Time to make a proof")
						.buckets(exponential_buckets(0.05, 2.0, 14)?),
				)?,
				registry,
			)?,
			proving_jobs: gauge(registry, "zkmine_miner_proving_jobs", "Proving jobs running")?,
			commits: counter(registry, "zkmine_miner_commits_total", "Commitments included")?,
			reveals: counter(registry, "zkmine_miner_reveals_total", "Reveals included")?,
			declined: register(
				CounterVec::new(
					Opts::new(
						"zkmine_miner_declined_total",
						"Sequences not committed to, by reason",
					),
					&["reason"],
				)?,
				registry,
			)?,
			rewards: counter(registry, "zkmine_miner_rewards_total", "Rewards received")?,
			rewarded_tokens: register(
				Counter::new("zkmine_miner_rewarded_tokens_total", "Rewards received, in tokens")?,
				registry,
			)?,
			slashes: counter(registry, "zkmine_miner_slashes_total", "Slashes suffered")?,
			slashed_tokens: register(
				Counter::new("zkmine_miner_slashed_tokens_total", "Stake slashed, in tokens")?,
				registry,
			)?,
			pending_reveals: gauge(
				registry,
				"zkmine_miner_pending_reveals",
				"Own commitments on chain not revealed yet",
			)?,
			tracked_sequences: gauge(
				registry,
				"zkmine_miner_tracked_sequences",
				"Unfinished sequences followed",
			)?,
			head_lag_blocks: gauge(
				registry,
				"zkmine_miner_head_lag_blocks",
				"Best block minus the last block processed",
			)?,
			processed_block: gauge(
				registry,
				"zkmine_miner_processed_block",
				"Last block processed",
			)?,
		})
	}

	/// Metrics that go nowhere (no `--prometheus-port`).
	pub fn unregistered() -> Result<Self> {
		Self::new(&Registry::new())
	}

	/// One proving job ended with `outcome`, after `took` if it ran.
	pub fn proof(&self, outcome: &str, took: Option<Duration>) {
		self.proofs.with_label_values(&[outcome]).inc();
		if let Some(took) = took {
			self.proving_seconds.observe(took.as_secs_f64());
		}
	}
}

/// Serve `registry` on `127.0.0.1:port` (or `0.0.0.0:port` with `external`) in the
/// background; an error if the port is taken.
pub async fn serve(registry: Registry, port: u16, external: bool) -> Result<SocketAddr> {
	let ip = if external { [0, 0, 0, 0] } else { [127, 0, 0, 1] };
	let addr = SocketAddr::from((ip, port));
	// Bind first, so that a taken port is an error at start rather than a log line later.
	drop(
		std::net::TcpListener::bind(addr)
			.with_context(|| format!("--prometheus-port: cannot listen on {addr}"))?,
	);
	tokio::spawn(async move {
		if let Err(e) = prometheus_endpoint::init_prometheus(addr, registry).await {
			tracing::error!(target: "miner", "the Prometheus endpoint on {addr} stopped: {e}");
		}
	});
	Ok(addr)
}

#[cfg(test)]
mod tests {
	use super::*;
	use prometheus_endpoint::prometheus::{Encoder, TextEncoder};

	#[test]
	fn every_documented_metric_is_exported() {
		let registry = Registry::new();
		let m = Metrics::new(&registry).expect("register");
		m.proof("proved", Some(Duration::from_millis(300)));
		m.declined.with_label_values(&["unprofitable"]).inc();
		m.rewarded_tokens.inc_by(0.4);
		let mut text = Vec::new();
		TextEncoder::new().encode(&registry.gather(), &mut text).expect("encode");
		let text = String::from_utf8(text).expect("utf-8");
		let readme = include_str!("../../README.md");
		for name in [
			"zkmine_miner_sequences_seen_total",
			"zkmine_miner_proofs_total",
			"zkmine_miner_proving_seconds",
			"zkmine_miner_proving_jobs",
			"zkmine_miner_commits_total",
			"zkmine_miner_reveals_total",
			"zkmine_miner_declined_total",
			"zkmine_miner_rewards_total",
			"zkmine_miner_rewarded_tokens_total",
			"zkmine_miner_slashes_total",
			"zkmine_miner_slashed_tokens_total",
			"zkmine_miner_pending_reveals",
			"zkmine_miner_tracked_sequences",
			"zkmine_miner_head_lag_blocks",
			"zkmine_miner_processed_block",
		] {
			assert!(text.contains(&format!("# TYPE {name} ")), "{name} not exported:\n{text}");
			assert!(readme.contains(&format!("`{name}`")), "{name} not in the README");
		}
		assert!(text.contains("zkmine_miner_proofs_total{outcome=\"proved\"} 1"), "{text}");
		assert!(text.contains("zkmine_miner_proving_seconds_count 1"), "{text}");
		assert!(text.contains("zkmine_miner_rewarded_tokens_total 0.4"), "{text}");
	}
}
