// vitest setup (vitest.config.ts): in the tests, stored arrays are frozen as stored objects are,
// so code that writes into a stored array in place throws there rather than corrupt the store.
// The lab leaves them unfrozen for V8's fast JSON.stringify (clone.ts, deepFreeze).
import { freezeStoredArrays } from '../clone.ts';

freezeStoredArrays(true);
