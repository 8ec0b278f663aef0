// How many cases the property tests run. PROPERTY_SCALE is the share of each test's full number:
// 1 in CI (.ci/run sets it), a tenth elsewhere by default, for a quick local run. FC_SEED
// replays the cases of one seed.
const given = process.env.PROPERTY_SCALE ?? (process.env.CI ? '1' : '0.1');
export const SCALE = Number(given);
// A mistyped scale would otherwise run no case at all, or NaN of them, and pass.
if (!(SCALE > 0)) throw new Error(`PROPERTY_SCALE must be a positive number, not "${given}"`);

export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

// n cases at the full scale; at least `least` whatever the scale.
export const scaled = (n: number, least = 1) => Math.max(least, Math.round(n * SCALE));
