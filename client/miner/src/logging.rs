//! Logs: `tracing` events on stderr (command results stay alone on stdout), filtered by
//! `RUST_LOG` (default `info`; targets are the roles: `miner`, `sequencer`, `connection`),
//! as text for people or JSON lines for log collectors (`--log-format json`).

use anyhow::{anyhow, Result};
use std::io::IsTerminal;
use tracing_subscriber::{filter::LevelFilter, EnvFilter};

/// How log lines look.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LogFormat {
	/// One line per event: time, level, target, message (colours on a terminal).
	#[default]
	Text,
	/// One JSON object per event (`timestamp`, `level`, `target`, `fields.message`).
	Json,
}

/// The targets of arkworks' constraint-system spans (`#[tracing::instrument(target =
/// "gr1cs")]` on every gadget, at `info`): enabled, they make the demo rollup's setup and
/// proofs tens of times slower (a minute instead of a second), so they are off unless
/// `RUST_LOG` names them.
const ARKWORKS: [&str; 2] = ["gr1cs", "r1cs"];

/// The filter of `RUST_LOG` (default `info`), with arkworks' constraint spans off unless
/// named.
pub fn filter(rust_log: Option<&str>) -> Result<EnvFilter> {
	let mut filter = EnvFilter::builder()
		.with_default_directive(LevelFilter::INFO.into())
		.parse(rust_log.unwrap_or_default())
		.map_err(|e| anyhow!("RUST_LOG is not a filter (examples: `info`, `miner=debug`): {e}"))?;
	if !rust_log.is_some_and(|l| l.contains("r1cs")) {
		for target in ARKWORKS {
			filter = filter.add_directive(format!("{target}=off").parse()?);
		}
	}
	Ok(filter)
}

/// Install the process's subscriber. A `RUST_LOG` that does not parse is an error naming it.
pub fn init(format: LogFormat) -> Result<()> {
	let filter = filter(std::env::var("RUST_LOG").ok().as_deref())?;
	let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
	let installed = match format {
		LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
		LogFormat::Json => builder.json().with_current_span(false).try_init(),
	};
	installed.map_err(|e| anyhow!("cannot install the logger: {e}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn arkworks_spans_are_off_unless_asked_for_and_bad_filters_are_named() {
		let directives = |log: Option<&str>| {
			let mut d: Vec<String> =
				filter(log).unwrap().to_string().split(',').map(str::to_owned).collect();
			d.sort();
			d
		};
		assert_eq!(directives(None), ["gr1cs=off", "info", "r1cs=off"]);
		assert_eq!(directives(Some("miner=debug")), ["gr1cs=off", "miner=debug", "r1cs=off"]);
		assert_eq!(directives(Some("r1cs=trace")), ["r1cs=trace"]);
		let bad = filter(Some("miner=loud")).unwrap_err().to_string();
		assert!(bad.contains("RUST_LOG is not a filter"), "{bad}");
	}
}
