// Property tests explore new random cases on every local run. In CI they replay one fixed seed, so a
// submission is judged on the same cases every time; FC_SEED replays any seed a failure printed.
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261127 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
