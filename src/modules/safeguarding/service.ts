/**
 * Safeguarding: what other modules may use of the work to the first hearing.
 * Each part (screening, checks, interviews, letters, first hearing) exports from here.
 */
export * from './clocks.ts';
