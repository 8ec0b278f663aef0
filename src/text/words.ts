// Small words for messages and orderings, written once.

// Text compared by code unit, as sort() does: the same order on every machine and locale.
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// "1 claim", "2 claims", "3 entities".
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
