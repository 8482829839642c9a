// The provers' leaderboard: its columns and their order.

/** The columns: key, heading, the row's value to sort by (rows are ledgers with `address`, `name`, `capacity`). */
export const COLUMNS = [
  { key: 'account', label: 'prover', value: (r) => r.name ?? r.address },
  { key: 'bonded', label: 'bonded stake', value: (r) => r.bonded, num: true },
  { key: 'unbonding', label: 'unbonding', value: (r) => r.unbondingTotal, num: true },
  { key: 'active', label: 'active', value: (r) => (r.capacity?.active ? 1 : 0) },
  { key: 'free', label: 'free capacity', value: (r) => r.capacity?.free ?? 0n, num: true },
  { key: 'pending', label: 'pending commitments', value: (r) => r.pendingCommitments, num: true },
  { key: 'rewarded', label: 'lifetime rewards', value: (r) => r.rewarded, num: true },
  { key: 'slashed', label: 'lifetime slashes', value: (r) => r.slashed, num: true },
];

/** Rows sorted by column `key`, largest first if `descending`; ties by address, so the order is stable. */
export function sortRows(rows, key, descending) {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`no leaderboard column ${JSON.stringify(key)}`);
  const byAddress = (a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    return byAddress(a, b);
  });
}

/** Leaderboard rows from the store's provers (ledgers), their capacities and account names. */
export function leaderboardRows(provers, capacities, names) {
  return provers.map((p) => ({ ...p, name: names.get(p.address) ?? null, capacity: capacities.get(p.address) ?? null }));
}
