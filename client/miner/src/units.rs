//! Amounts: the chain counts in planck (10^-12 ZKM); people type and read ZKM.

use anyhow::{bail, Result};

/// Decimals of the ZKM token.
pub const DECIMALS: u32 = 12;
/// One ZKM in planck.
pub const UNIT: u128 = 1_000_000_000_000;

/// Parse an amount of ZKM (`"200000"`, `"0.4"`, `"1_000"`) into planck. At most 12
/// decimals; zero, negative and malformed amounts are refused.
pub fn parse_units(text: &str) -> Result<u128> {
	let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
	let (whole, fraction) = clean.split_once('.').unwrap_or((&clean, ""));
	let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
	if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
		bail!("`{text}` is not an amount of ZKM (examples: 200000, 0.5)");
	}
	if fraction.len() > DECIMALS as usize {
		bail!("`{text}` has more than {DECIMALS} decimals");
	}
	let whole: u128 = whole.parse().map_err(|_| anyhow::anyhow!("`{text}` is too large"))?;
	let padded = format!("{fraction:0<width$}", width = DECIMALS as usize);
	let fraction: u128 = padded.parse().unwrap_or(0);
	let planck = whole
		.checked_mul(UNIT)
		.and_then(|w| w.checked_add(fraction))
		.ok_or_else(|| anyhow::anyhow!("`{text}` is too large"))?;
	if planck == 0 {
		bail!("the amount must be positive");
	}
	Ok(planck)
}

/// A fee in ZKM: like [`parse_units`], and `0` for none.
pub fn parse_fee(text: &str) -> Result<u128> {
	let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
	if !clean.is_empty() && clean.chars().all(|c| c == '0' || c == '.') && clean.starts_with('0') {
		return Ok(0);
	}
	parse_units(text)
}

/// `planck` as ZKM, without trailing zeros: `400000000000` is `"0.4"`.
pub fn format_units(planck: u128) -> String {
	let whole = planck / UNIT;
	let fraction = planck % UNIT;
	if fraction == 0 {
		return whole.to_string();
	}
	let fraction = format!("{fraction:0>width$}", width = DECIMALS as usize);
	format!("{whole}.{}", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_round_trip() {
		assert_eq!(parse_units("200000").unwrap(), 200_000 * UNIT);
		assert_eq!(parse_units("0.4").unwrap(), 400_000_000_000);
		assert_eq!(parse_units("1_000.000000000001").unwrap(), 1_000 * UNIT + 1);
		assert_eq!(format_units(400_000_000_000), "0.4");
		assert_eq!(format_units(1_000 * UNIT + 1), "1000.000000000001");
		assert_eq!(format_units(0), "0");
		for bad in ["", "-1", "1.2.3", "abc", "0", "0.0000000000001", "1e5", ".5"] {
			assert!(parse_units(bad).is_err(), "{bad} must be refused");
		}
		assert!(parse_units(&"9".repeat(40)).is_err(), "overflow is refused");
	}

	#[test]
	fn fees_may_be_zero() {
		for zero in ["0", "0.0", "0_000", " 0 "] {
			assert_eq!(parse_fee(zero).unwrap(), 0, "{zero}");
		}
		assert_eq!(parse_fee("0.5").unwrap(), UNIT / 2);
		assert_eq!(parse_fee("1").unwrap(), UNIT);
		for bad in ["", "-1", "abc", ".0", "0.0000000000001"] {
			assert!(parse_fee(bad).is_err(), "{bad} must be refused");
		}
	}
}
