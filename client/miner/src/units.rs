//! Amounts: the chain counts in planck; people type and read whole tokens. The token's
//! decimals and symbol come from the chain's properties (`system_properties`: `tokenDecimals`,
//! `tokenSymbol`), read when this process connects ([`Token::from_properties`],
//! [`set_token`]); offline commands and a chain without properties use [`Token::ZKM`].

use anyhow::{anyhow, bail, Result};
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// A chain's token: how many decimals a whole token has and what it is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
	/// Decimals: one token is `10^decimals` planck.
	pub decimals: u32,
	/// Its symbol, e.g. `ZKM`.
	pub symbol: String,
}

/// The most decimals an amount in `u128` can have and still hold a whole token.
const MAX_DECIMALS: u32 = 30;

impl Token {
	/// zkmine's token as its chain specs declare it: 12 decimals, `ZKM`.
	pub fn zkm() -> Self {
		Self { decimals: 12, symbol: "ZKM".into() }
	}

	/// The token a chain's properties declare (`tokenDecimals`, `tokenSymbol`: a value or,
	/// on multi-token chains, a list whose first entry is the native token). A chain that
	/// declares neither is taken to be zkmine's ([`Token::zkm`]); a malformed value is an
	/// error.
	pub fn from_properties(properties: &Map<String, Value>) -> Result<Self> {
		let first = |v: &Value| match v {
			Value::Array(items) => items.first().cloned(),
			other => Some(other.clone()),
		};
		let default = Self::zkm();
		let decimals = match properties.get("tokenDecimals").and_then(first) {
			None => default.decimals,
			Some(v) => v
				.as_u64()
				.and_then(|d| u32::try_from(d).ok())
				.filter(|d| *d <= MAX_DECIMALS)
				.ok_or_else(|| {
					anyhow!("the chain's tokenDecimals ({v}) is not a number of decimals up to {MAX_DECIMALS}")
				})?,
		};
		let symbol = match properties.get("tokenSymbol").and_then(first) {
			None => default.symbol,
			Some(v) => v
				.as_str()
				.filter(|s| !s.trim().is_empty())
				.map(str::to_owned)
				.ok_or_else(|| anyhow!("the chain's tokenSymbol ({v}) is not a name"))?,
		};
		Ok(Self { decimals, symbol })
	}

	/// One whole token in planck.
	pub fn unit(&self) -> u128 {
		10u128.saturating_pow(self.decimals)
	}

	/// Parse an amount of tokens (`"200000"`, `"0.4"`, `"1_000"`) into planck. At most
	/// `decimals` decimals; zero, negative and malformed amounts are refused.
	pub fn parse(&self, text: &str) -> Result<u128> {
		let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
		let (whole, fraction) = clean.split_once('.').unwrap_or((&clean, ""));
		let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
		if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
			bail!("`{text}` is not an amount of {} (examples: 200000, 0.5)", self.symbol);
		}
		let places = self.decimals as usize;
		if fraction.len() > places {
			bail!("`{text}` has more than {places} decimals");
		}
		let whole: u128 = whole.parse().map_err(|_| anyhow!("`{text}` is too large"))?;
		let padded = format!("{fraction:0<places$}");
		let fraction: u128 = if padded.is_empty() { 0 } else { padded.parse().unwrap_or(0) };
		let planck = whole
			.checked_mul(self.unit())
			.and_then(|w| w.checked_add(fraction))
			.ok_or_else(|| anyhow!("`{text}` is too large"))?;
		if planck == 0 {
			bail!("the amount must be positive");
		}
		Ok(planck)
	}

	/// `planck` as a number of tokens, without trailing zeros: `400000000000` is `"0.4"`
	/// with 12 decimals.
	pub fn number(&self, planck: u128) -> String {
		let unit = self.unit();
		let (whole, fraction) = (planck / unit, planck % unit);
		if fraction == 0 {
			return whole.to_string();
		}
		let fraction = format!("{fraction:0>width$}", width = self.decimals as usize);
		format!("{whole}.{}", fraction.trim_end_matches('0'))
	}

	/// `planck` with the symbol: `"0.4 ZKM"`.
	pub fn amount(&self, planck: u128) -> String {
		format!("{} {}", self.number(planck), self.symbol)
	}
}

static TOKEN: OnceLock<Token> = OnceLock::new();

/// Record the token of the chain this process talks to (the first call wins: one process
/// talks to one chain).
pub fn set_token(token: Token) {
	let _ = TOKEN.set(token);
}

/// The token of the chain this process talks to ([`Token::zkm`] before it connected).
pub fn token() -> Token {
	TOKEN.get().cloned().unwrap_or_else(Token::zkm)
}

/// Parse an amount of the chain's token into planck ([`Token::parse`]).
pub fn parse_units(text: &str) -> Result<u128> {
	token().parse(text)
}

/// A fee in tokens: like [`parse_units`], and `0` for none.
pub fn parse_fee(text: &str) -> Result<u128> {
	let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
	if !clean.is_empty() && clean.chars().all(|c| c == '0' || c == '.') && clean.starts_with('0') {
		return Ok(0);
	}
	parse_units(text)
}

/// `planck` in the chain's token with its symbol: `"0.4 ZKM"` ([`Token::amount`]).
pub fn format_units(planck: u128) -> String {
	token().amount(planck)
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	const UNIT: u128 = 1_000_000_000_000;

	#[test]
	fn amounts_round_trip() {
		let zkm = Token::zkm();
		assert_eq!(zkm.parse("200000").unwrap(), 200_000 * UNIT);
		assert_eq!(zkm.parse("0.4").unwrap(), 400_000_000_000);
		assert_eq!(zkm.parse("1_000.000000000001").unwrap(), 1_000 * UNIT + 1);
		assert_eq!(zkm.number(400_000_000_000), "0.4");
		assert_eq!(zkm.amount(400_000_000_000), "0.4 ZKM");
		assert_eq!(zkm.number(1_000 * UNIT + 1), "1000.000000000001");
		assert_eq!(zkm.number(0), "0");
		for bad in ["", "-1", "1.2.3", "abc", "0", "0.0000000000001", "1e5", ".5"] {
			assert!(zkm.parse(bad).is_err(), "{bad} must be refused");
		}
		assert!(zkm.parse(&"9".repeat(40)).is_err(), "overflow is refused");
	}

	#[test]
	fn the_token_comes_from_the_chain_properties() {
		let props = |v: Value| v.as_object().cloned().expect("an object");
		let other =
			Token::from_properties(&props(json!({"tokenDecimals": 18, "tokenSymbol": "UNIT"})))
				.expect("valid properties");
		assert_eq!(other, Token { decimals: 18, symbol: "UNIT".into() });
		assert_eq!(other.parse("1.5").unwrap(), 1_500_000_000_000_000_000);
		assert_eq!(other.amount(25 * 10u128.pow(16)), "0.25 UNIT");
		// Multi-token chains list their tokens; the first is the native one.
		let listed = Token::from_properties(&props(
			json!({"tokenDecimals": [10, 12], "tokenSymbol": ["DOT", "X"]}),
		))
		.expect("lists");
		assert_eq!(listed, Token { decimals: 10, symbol: "DOT".into() });
		assert_eq!(listed.number(15_000_000_000), "1.5");
		// Nothing declared: zkmine's own token. A malformed declaration is an error.
		assert_eq!(Token::from_properties(&Map::new()).unwrap(), Token::zkm());
		assert!(Token::from_properties(&props(json!({"tokenDecimals": "twelve"}))).is_err());
		assert!(Token::from_properties(&props(json!({"tokenDecimals": 40}))).is_err());
		assert!(Token::from_properties(&props(json!({"tokenSymbol": ""}))).is_err());
		// With no decimals, amounts are whole.
		let whole = Token { decimals: 0, symbol: "W".into() };
		assert_eq!(whole.parse("7").unwrap(), 7);
		assert!(whole.parse("7.5").is_err());
		assert_eq!(whole.number(7), "7");
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
