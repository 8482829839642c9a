// Numbers as people read them: balances in the chain's token, short accounts, durations.

/**
 * A balance in planck (BigInt) in whole tokens: `decimals` digits after the point, trailing
 * zeros dropped, thousands grouped with a thin space: `formatBalance(400000000000n, 12)` is
 * `0.4`, `200000n * 10n ** 12n` is `200 000`. `maxFraction` rounds toward zero.
 */
export function formatBalance(planck, decimals, { maxFraction = decimals, token = '' } = {}) {
  if (typeof planck !== 'bigint') throw new TypeError(`formatBalance: expected a BigInt, got ${typeof planck}`);
  const negative = planck < 0n;
  const abs = negative ? -planck : planck;
  const unit = 10n ** BigInt(decimals);
  const whole = (abs / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  let fraction = (abs % unit).toString().padStart(decimals, '0').slice(0, maxFraction).replace(/0+$/, '');
  const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return token ? `${text} ${token}` : text;
}

/** A balance in planck as a floating-point number of tokens (for charts; not exact). */
export function toUnits(planck, decimals) {
  const unit = 10n ** BigInt(decimals);
  return Number(planck / unit) + Number(planck % unit) / Number(unit);
}

/** An SS58 address shortened to its first and last characters: `5Grw…utQY`. */
export function shortAddress(address, keep = 4) {
  if (typeof address !== 'string' || address.length <= 2 * keep + 1) return String(address);
  return `${address.slice(0, keep)}…${address.slice(-keep)}`;
}

/** A hash shortened: `0x1234abcd…`. */
export function shortHash(hex, keep = 10) {
  if (typeof hex !== 'string' || hex.length <= keep + 2) return String(hex);
  return `${hex.slice(0, keep)}…`;
}

/** Seconds as `45 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatSeconds(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** `n block(s)`. */
export function blocksText(n) {
  return `${n} block${n === 1 ? '' : 's'}`;
}

/** A Perbill (parts per 10^9) as a percentage: `100000000n` is `10%`. */
export function formatPerbill(parts) {
  const p = Number(parts) / 1e7;
  return `${Number.isInteger(p) ? p : p.toFixed(2)}%`;
}
