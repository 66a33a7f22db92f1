/**
 * Intake: what other modules and commands may use of taking in applications.
 * Each part (the HMCTS feed, manual intake) exports from here.
 */
export {};
