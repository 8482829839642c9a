//! The error of every conversion: which field is at fault, and what is wrong with it.

use core::fmt;

/// Which prime modulus a value must be strictly below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modulus {
	/// The base field modulus `q` of BN254 (point coordinates).
	Base,
	/// The scalar field modulus `r` of BN254 (public inputs).
	Scalar,
}

/// What is wrong with the field named by [`FormatError::field`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
	/// The document is not JSON at all (serde_json's message).
	Json(String),
	/// A required field is absent.
	Missing,
	/// The value has the wrong JSON type, e.g. a number where a decimal string belongs;
	/// carries what was expected (`"a string"`, `"an array"`, ...).
	WrongType(&'static str),
	/// A string field (`protocol`, `curve`) has another value than the one supported.
	WrongValue {
		/// The supported value.
		expected: &'static str,
		/// The value found (shortened if long).
		got: String,
	},
	/// An array has the wrong number of elements.
	WrongLength {
		/// The number of elements required.
		expected: usize,
		/// The number found.
		got: usize,
	},
	/// `IC` does not hold `nPublic + 1` points.
	InputCountMismatch {
		/// The value of `nPublic`.
		n_public: u64,
		/// The number of points in `IC`.
		points: usize,
	},
	/// A string that should be a non-negative decimal integer (ASCII digits only) is not.
	NotDecimal,
	/// A number is not strictly below the modulus of its field.
	NotBelowModulus(Modulus),
	/// A projective `z` coordinate other than 1 (an affine point) or 0 (the point at
	/// infinity). snarkjs always normalises points before writing them.
	NotNormalized,
	/// A point at infinity (`z = 0`) whose `x` and `y` are not the `0`, `1` snarkjs writes.
	NonCanonicalInfinity,
	/// The coordinates do not satisfy the curve equation.
	NotOnCurve,
	/// The point is on the curve but not in the prime-order subgroup (G2 only: G1 of BN254
	/// has cofactor 1).
	NotInSubgroup,
	/// The point at infinity where the chain refuses it (any point of a verifying key).
	PointAtInfinity,
	/// `vk_alphabeta_12` is not the pairing `e(vk_alpha_1, vk_beta_2)`.
	AlphaBetaMismatch,
	/// Wire bytes of the wrong length.
	WireLength {
		/// The required number of bytes.
		expected: usize,
		/// The number given.
		got: usize,
	},
	/// Wire bytes too short to hold even the fixed part (the verifying key's header).
	WireTooShort {
		/// The minimum number of bytes.
		min: usize,
		/// The number given.
		got: usize,
	},
	/// The `n_points` length field of a wire-format verifying key is zero or absurd.
	WirePointCount(u64),
	/// Wire bytes that are not the canonical compressed encoding of a point of the
	/// prime-order subgroup (bad flags, `x >= q`, no such point, wrong subgroup, or a
	/// non-canonical encoding).
	InvalidWirePoint,
	/// arkworks failed to serialize a point into memory (never expected to happen).
	Serialization,
}

impl fmt::Display for ErrorKind {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			ErrorKind::Json(msg) => write!(f, "invalid JSON: {msg}"),
			ErrorKind::Missing => f.write_str("missing"),
			ErrorKind::WrongType(expected) => write!(f, "expected {expected}"),
			ErrorKind::WrongValue { expected, got } => {
				write!(f, "expected \"{expected}\", got \"{got}\"")
			},
			ErrorKind::WrongLength { expected, got } => {
				write!(f, "expected {expected} elements, got {got}")
			},
			ErrorKind::InputCountMismatch { n_public, points } => write!(
				f,
				"expected nPublic + 1 = {} points, got {points}",
				u128::from(*n_public).saturating_add(1)
			),
			ErrorKind::NotDecimal => f.write_str("not a decimal number"),
			ErrorKind::NotBelowModulus(Modulus::Base) => {
				f.write_str("not below the base field modulus q")
			},
			ErrorKind::NotBelowModulus(Modulus::Scalar) => {
				f.write_str("not below the scalar field modulus r")
			},
			ErrorKind::NotNormalized => {
				f.write_str("expected z = 1 (an affine point) or z = 0 (the point at infinity)")
			},
			ErrorKind::NonCanonicalInfinity => {
				f.write_str("a point at infinity must have x = 0 and y = 1")
			},
			ErrorKind::NotOnCurve => f.write_str("point not on the curve"),
			ErrorKind::NotInSubgroup => f.write_str("point not in the prime-order subgroup"),
			ErrorKind::PointAtInfinity => {
				f.write_str("point at infinity (not allowed in a verifying key)")
			},
			ErrorKind::AlphaBetaMismatch => f.write_str("not the pairing e(vk_alpha_1, vk_beta_2)"),
			ErrorKind::WireLength { expected, got } => {
				write!(f, "expected {expected} bytes, got {got}")
			},
			ErrorKind::WireTooShort { min, got } => {
				write!(f, "expected at least {min} bytes, got {got}")
			},
			ErrorKind::WirePointCount(n) => write!(f, "invalid number of points {n}"),
			ErrorKind::InvalidWirePoint => {
				f.write_str("not a canonical compressed point of the prime-order subgroup")
			},
			ErrorKind::Serialization => f.write_str("serialization failed"),
		}
	}
}

/// A conversion failed: [`field`](Self::field) names the value at fault and
/// [`kind`](Self::kind) says what is wrong with it. Displayed as `field: problem`, e.g.
/// `pi_b[1][0]: not a decimal number`, `curve: expected "bn128", got "bls12381"`,
/// `IC[2]: point not on the curve`.
///
/// Fields of JSON input are named by their path in the document (`IC[2][0]`; the root array
/// of `public.json` is called `public`, so `public[1]`); fields of wire input by the
/// snarkjs name of the value at those bytes (`pi_b`, `IC[2]`, `public[1]`), or `proof`,
/// `verifying_key` for the byte string as a whole. An error about the whole document
/// (invalid JSON) has an empty field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
	field: String,
	kind: ErrorKind,
}

impl FormatError {
	/// An error about `field`.
	pub fn new(field: impl Into<String>, kind: ErrorKind) -> Self {
		FormatError { field: field.into(), kind }
	}

	/// The path of the field at fault (empty for the document as a whole).
	pub fn field(&self) -> &str {
		&self.field
	}

	/// What is wrong with it.
	pub fn kind(&self) -> &ErrorKind {
		&self.kind
	}
}

impl fmt::Display for FormatError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if self.field.is_empty() {
			write!(f, "{}", self.kind)
		} else {
			write!(f, "{}: {}", self.field, self.kind)
		}
	}
}

impl std::error::Error for FormatError {}
