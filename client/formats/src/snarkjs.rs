//! Reading and writing snarkjs JSON values: decimal strings, projective points.
//!
//! snarkjs (through ffjavascript) writes every field element as a decimal string, a G1
//! point as `[x, y, z]`, a G2 point as `[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]` and an
//! `Fq12` as `[[c0.c0, c0.c1, c0.c2], [c1.c0, c1.c1, c1.c2]]` of `Fq2` pairs, always
//! normalised: `z = 1` for an affine point, `[0, 1, 0]` for the point at infinity.

use crate::error::{ErrorKind, FormatError, Modulus};
use ark_bn254::{Fq, Fq12, Fq2, Fq6, Fr};
use ark_ec::short_weierstrass::{Affine, SWCurveConfig};
use ark_ec::AffineRepr;
use ark_ff::{BigInt, One, PrimeField, Zero};
use core::str::FromStr;
use serde::Serialize;
use serde_json::{Map, Value};

/// The decimal digits of `2^256 - 1`: any longer number (without leading zeros) overflows.
const MAX_DIGITS: usize = 78;

/// The path of `key` inside the object at `parent` (`""` for the root).
pub(crate) fn child(parent: &str, key: &str) -> String {
	if parent.is_empty() {
		key.to_owned()
	} else {
		format!("{parent}.{key}")
	}
}

/// The path of element `i` of the array at `parent`.
pub(crate) fn index(parent: &str, i: usize) -> String {
	format!("{parent}[{i}]")
}

/// Parse a whole document.
pub(crate) fn parse(json: &str) -> Result<Value, FormatError> {
	serde_json::from_str(json).map_err(|e| FormatError::new("", ErrorKind::Json(e.to_string())))
}

/// The value as an object.
pub(crate) fn object<'a>(
	value: &'a Value,
	path: &str,
) -> Result<&'a Map<String, Value>, FormatError> {
	value
		.as_object()
		.ok_or_else(|| FormatError::new(path, ErrorKind::WrongType("an object")))
}

/// Field `key` of an object, with its path.
pub(crate) fn field<'a>(
	obj: &'a Map<String, Value>,
	parent: &str,
	key: &str,
) -> Result<(&'a Value, String), FormatError> {
	let path = child(parent, key);
	match obj.get(key) {
		Some(v) => Ok((v, path)),
		None => Err(FormatError::new(path, ErrorKind::Missing)),
	}
}

/// The value as an array.
pub(crate) fn array<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], FormatError> {
	value
		.as_array()
		.map(Vec::as_slice)
		.ok_or_else(|| FormatError::new(path, ErrorKind::WrongType("an array")))
}

/// The value as an array of exactly `n` elements.
fn array_of<'a>(value: &'a Value, path: &str, n: usize) -> Result<&'a [Value], FormatError> {
	let items = array(value, path)?;
	if items.len() != n {
		return Err(FormatError::new(
			path,
			ErrorKind::WrongLength { expected: n, got: items.len() },
		));
	}
	Ok(items)
}

/// Element `i` of `items` (an array at `path`), with its path.
fn element<'a>(
	items: &'a [Value],
	path: &str,
	i: usize,
) -> Result<(&'a Value, String), FormatError> {
	let p = index(path, i);
	match items.get(i) {
		Some(v) => Ok((v, p)),
		None => Err(FormatError::new(p, ErrorKind::Missing)),
	}
}

/// The value as a string.
pub(crate) fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str, FormatError> {
	value
		.as_str()
		.ok_or_else(|| FormatError::new(path, ErrorKind::WrongType("a string")))
}

/// The string field `key` of `obj` must be exactly `expected`.
pub(crate) fn expect_str(
	obj: &Map<String, Value>,
	key: &str,
	expected: &'static str,
) -> Result<(), FormatError> {
	let (value, path) = field(obj, "", key)?;
	let got = string(value, &path)?;
	if got != expected {
		let got = if got.chars().count() > 40 {
			format!("{}...", got.chars().take(40).collect::<String>())
		} else {
			got.to_owned()
		};
		return Err(FormatError::new(path, ErrorKind::WrongValue { expected, got }));
	}
	Ok(())
}

/// A decimal string (ASCII digits only, leading zeros allowed) as an element of the prime
/// field `F`, which must be strictly below its modulus (never reduced).
pub(crate) fn decimal<F: PrimeField<BigInt = BigInt<4>>>(
	value: &Value,
	path: &str,
	modulus: Modulus,
) -> Result<F, FormatError> {
	let s = string(value, path)?;
	if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
		return Err(FormatError::new(path, ErrorKind::NotDecimal));
	}
	let digits = s.trim_start_matches('0');
	let too_big = || FormatError::new(path, ErrorKind::NotBelowModulus(modulus));
	if digits.len() > MAX_DIGITS {
		return Err(too_big());
	}
	let digits = if digits.is_empty() { "0" } else { digits };
	let int = BigInt::<4>::from_str(digits).map_err(|_| too_big())?;
	F::from_bigint(int).ok_or_else(too_big)
}

/// A base field element.
fn fq(value: &Value, path: &str) -> Result<Fq, FormatError> {
	decimal(value, path, Modulus::Base)
}

/// A scalar field element (a public input).
pub(crate) fn fr(value: &Value, path: &str) -> Result<Fr, FormatError> {
	decimal(value, path, Modulus::Scalar)
}

/// An `Fq2` element `[c0, c1]`.
fn fq2(value: &Value, path: &str) -> Result<Fq2, FormatError> {
	let items = array_of(value, path, 2)?;
	let (c0, p0) = element(items, path, 0)?;
	let (c1, p1) = element(items, path, 1)?;
	Ok(Fq2::new(fq(c0, &p0)?, fq(c1, &p1)?))
}

/// An `Fq6` element `[c0, c1, c2]` of `Fq2`s.
fn fq6(value: &Value, path: &str) -> Result<Fq6, FormatError> {
	let items = array_of(value, path, 3)?;
	let (c0, p0) = element(items, path, 0)?;
	let (c1, p1) = element(items, path, 1)?;
	let (c2, p2) = element(items, path, 2)?;
	Ok(Fq6::new(fq2(c0, &p0)?, fq2(c1, &p1)?, fq2(c2, &p2)?))
}

/// An `Fq12` element `[c0, c1]` of `Fq6`s (`vk_alphabeta_12`).
pub(crate) fn fq12(value: &Value, path: &str) -> Result<Fq12, FormatError> {
	let items = array_of(value, path, 2)?;
	let (c0, p0) = element(items, path, 0)?;
	let (c1, p1) = element(items, path, 1)?;
	Ok(Fq12::new(fq6(c0, &p0)?, fq6(c1, &p1)?))
}

/// A point `[x, y, z]` (or `[x, y]`, affine, as snarkjs also reads) with coordinates read by
/// `coordinate`: `z` must be 1, or 0 for the point at infinity written `[0, 1, 0]`. The
/// point must be on the curve and in the prime-order subgroup.
fn point<C: SWCurveConfig>(
	value: &Value,
	path: &str,
	coordinate: fn(&Value, &str) -> Result<C::BaseField, FormatError>,
) -> Result<Affine<C>, FormatError> {
	let items = array(value, path)?;
	if items.len() != 2 && items.len() != 3 {
		return Err(FormatError::new(
			path,
			ErrorKind::WrongLength { expected: 3, got: items.len() },
		));
	}
	let (xv, xp) = element(items, path, 0)?;
	let (yv, yp) = element(items, path, 1)?;
	let x = coordinate(xv, &xp)?;
	let y = coordinate(yv, &yp)?;
	if let Some(zv) = items.get(2) {
		let zp = index(path, 2);
		let z = coordinate(zv, &zp)?;
		if z.is_zero() {
			if !x.is_zero() || !y.is_one() {
				return Err(FormatError::new(path, ErrorKind::NonCanonicalInfinity));
			}
			return Ok(Affine::<C>::identity());
		}
		if !z.is_one() {
			return Err(FormatError::new(zp, ErrorKind::NotNormalized));
		}
	}
	let p = Affine::<C>::new_unchecked(x, y);
	if !p.is_on_curve() {
		return Err(FormatError::new(path, ErrorKind::NotOnCurve));
	}
	if !p.is_in_correct_subgroup_assuming_on_curve() {
		return Err(FormatError::new(path, ErrorKind::NotInSubgroup));
	}
	Ok(p)
}

/// A G1 point.
pub(crate) fn g1(value: &Value, path: &str) -> Result<ark_bn254::G1Affine, FormatError> {
	point::<ark_bn254::g1::Config>(value, path, fq)
}

/// A G2 point.
pub(crate) fn g2(value: &Value, path: &str) -> Result<ark_bn254::G2Affine, FormatError> {
	point::<ark_bn254::g2::Config>(value, path, fq2)
}

/// The decimal string of a prime field element.
pub(crate) fn dec<F: PrimeField>(x: &F) -> String {
	x.into_bigint().to_string()
}

/// snarkjs's `[c0, c1]`.
fn dec2(x: &Fq2) -> [String; 2] {
	[dec(&x.c0), dec(&x.c1)]
}

/// A G1 point as snarkjs writes it.
pub(crate) fn g1_json(p: &ark_bn254::G1Affine) -> [String; 3] {
	match p.xy() {
		Some((x, y)) => [dec(&x), dec(&y), "1".to_owned()],
		None => ["0".to_owned(), "1".to_owned(), "0".to_owned()],
	}
}

/// A G2 point as snarkjs writes it.
pub(crate) fn g2_json(p: &ark_bn254::G2Affine) -> [[String; 2]; 3] {
	match p.xy() {
		Some((x, y)) => [dec2(&x), dec2(&y), dec2(&Fq2::one())],
		None => [dec2(&Fq2::zero()), dec2(&Fq2::one()), dec2(&Fq2::zero())],
	}
}

/// An `Fq12` element as snarkjs writes it.
pub(crate) fn fq12_json(x: &Fq12) -> [[[String; 2]; 3]; 2] {
	let six = |v: &Fq6| [dec2(&v.c0), dec2(&v.c1), dec2(&v.c2)];
	[six(&x.c0), six(&x.c1)]
}

/// Serialize as snarkjs writes its files: indented by one space per level, no trailing
/// newline (`JSON.stringify(value, null, 1)`).
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, FormatError> {
	let mut out = Vec::new();
	let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
	let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
	value
		.serialize(&mut ser)
		.map_err(|_| FormatError::new("", ErrorKind::Serialization))?;
	String::from_utf8(out).map_err(|_| FormatError::new("", ErrorKind::Serialization))
}
