//! `zkmine-miner convert`: snarkjs/circom Groth16 BN254 JSON to the chain's wire format and
//! back, offline (no node). The conversions are `zkmine_formats`'; this module reads and
//! writes the files.
//!
//! Wire bytes are written as `0x`-hex on standard output (what polkadot.js Apps and the
//! `submit` calls take) or, with `--out`, as raw bytes to a file. Wire input files may hold
//! raw bytes or `0x`-hex text.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::{fs, path::PathBuf};

/// What to convert.
#[derive(Args, Debug)]
pub struct ConvertArgs {
	#[command(subcommand)]
	what: Conversion,
}

#[derive(Subcommand, Debug)]
enum Conversion {
	/// A snarkjs `verification_key.json` to a wire-format verifying key (what
	/// `register_rollup` takes), or back with `--to-snarkjs`.
	Key(Files),
	/// A snarkjs `proof.json` to a 128-byte wire-format proof (what `submit_proof` takes), or
	/// back with `--to-snarkjs`.
	Proof(Files),
	/// A snarkjs `public.json` to the chain's public inputs (a JSON list of `0x`-hex 32-byte
	/// little-endian field elements, what `submit_sequence` takes), or back with
	/// `--to-snarkjs`.
	Inputs(Files),
}

/// Input and output of one conversion.
#[derive(Args, Debug)]
struct Files {
	/// The file to convert: snarkjs JSON, or with `--to-snarkjs` wire bytes (raw or
	/// `0x`-hex; for inputs, the JSON list this command writes).
	input: PathBuf,
	/// Convert the chain's format to snarkjs JSON instead.
	#[arg(long)]
	to_snarkjs: bool,
	/// Write the result to this file (raw bytes for wire output) instead of standard output
	/// (`0x`-hex for wire output).
	#[arg(long)]
	out: Option<PathBuf>,
}

/// Run one conversion.
pub fn run(args: ConvertArgs) -> Result<()> {
	match args.what {
		Conversion::Key(f) if f.to_snarkjs => {
			let wire = read_wire(&f.input)?;
			write_text(&f, &zkmine_formats::verifying_key_to_snarkjs(&wire)?)
		},
		Conversion::Key(f) => {
			write_wire(&f, &zkmine_formats::verifying_key_from_snarkjs(&read_text(&f.input)?)?)
		},
		Conversion::Proof(f) if f.to_snarkjs => {
			let wire = read_wire(&f.input)?;
			write_text(&f, &zkmine_formats::proof_to_snarkjs(&wire)?)
		},
		Conversion::Proof(f) => {
			write_wire(&f, &zkmine_formats::proof_from_snarkjs(&read_text(&f.input)?)?)
		},
		Conversion::Inputs(f) if f.to_snarkjs => {
			let inputs = inputs_from_hex_list(&read_text(&f.input)?)
				.with_context(|| format!("{}", f.input.display()))?;
			write_text(&f, &zkmine_formats::public_inputs_to_snarkjs(&inputs)?)
		},
		Conversion::Inputs(f) => {
			let inputs = zkmine_formats::public_inputs_from_snarkjs(&read_text(&f.input)?)
				.with_context(|| format!("{}", f.input.display()))?;
			write_text(&f, &inputs_to_hex_list(&inputs))
		},
	}
}

/// The chain's public inputs as a JSON list of `0x`-hex strings.
pub fn inputs_to_hex_list(inputs: &[zkmine_formats::PublicInput]) -> String {
	let list: Vec<String> = inputs.iter().map(|i| format!("0x{}", hex::encode(i))).collect();
	serde_json::Value::from(list).to_string()
}

/// Parse a JSON list of `0x`-hex 32-byte public inputs.
pub fn inputs_from_hex_list(text: &str) -> Result<Vec<zkmine_formats::PublicInput>> {
	let list: Vec<String> =
		serde_json::from_str(text).context("expected a JSON list of 0x-hex strings")?;
	list.iter()
		.enumerate()
		.map(|(i, s)| {
			let bytes = hex::decode(s.trim_start_matches("0x"))
				.with_context(|| format!("[{i}]: not hex"))?;
			<[u8; 32]>::try_from(bytes.as_slice())
				.map_err(|_| anyhow::anyhow!("[{i}]: {} bytes, expected 32", bytes.len()))
		})
		.collect()
}

pub(crate) fn read_text(path: &PathBuf) -> Result<String> {
	fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Raw bytes, or `0x`-hex text (surrounding whitespace ignored).
pub(crate) fn read_wire(path: &PathBuf) -> Result<Vec<u8>> {
	let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
	match std::str::from_utf8(&bytes).ok().and_then(|t| t.trim().strip_prefix("0x")) {
		Some(digits) => hex::decode(digits)
			.with_context(|| format!("{}: 0x-prefixed but not hex", path.display())),
		None => Ok(bytes),
	}
}

fn write_wire(files: &Files, bytes: &[u8]) -> Result<()> {
	match &files.out {
		Some(out) => fs::write(out, bytes).with_context(|| format!("writing {}", out.display())),
		None => {
			println!("0x{}", hex::encode(bytes));
			Ok(())
		},
	}
}

fn write_text(files: &Files, text: &str) -> Result<()> {
	match &files.out {
		Some(out) => fs::write(out, text).with_context(|| format!("writing {}", out.display())),
		None => {
			println!("{text}");
			Ok(())
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex_lists_round_trip_and_name_the_bad_entry() {
		let inputs = [[1u8; 32], [0u8; 32]];
		let text = inputs_to_hex_list(&inputs);
		assert!(text.starts_with("[\"0x0101"));
		assert_eq!(inputs_from_hex_list(&text).unwrap(), inputs.to_vec());

		let short = format!("[\"0x{}\", \"0x00\"]", hex::encode([0u8; 32]));
		let err = inputs_from_hex_list(&short).unwrap_err().to_string();
		assert_eq!(err, "[1]: 1 bytes, expected 32");
		let err = inputs_from_hex_list("[\"0xzz\"]").unwrap_err().to_string();
		assert_eq!(err, "[0]: not hex");
		assert!(inputs_from_hex_list("{}").is_err());
	}
}
