import { DomainError } from '../../platform/errors/catalogue.ts';

/**
 * The work states of a private-law case (DOMAIN §3.1 and §3.2): our own, never the
 * court's. Labels are the locale keys status.<state>.
 */
export const PRIVATE_LAW_STATES = [
  'received',
  'screening',
  'safeguarding-checks',
  'awaiting-first-hearing',
  'awaiting-allocation',
  'allocated',
  'reporting',
  'report-filed',
  'closing',
  'closed',
] as const;
export type PrivateLawState = (typeof PRIVATE_LAW_STATES)[number];

export function isPrivateLawState(value: unknown): value is PrivateLawState {
  return typeof value === 'string' && (PRIVATE_LAW_STATES as readonly string[]).includes(value);
}

/** What can happen to a case. Each event is also the timeline kind `state.<event>`. */
export type CaseEvent =
  /** Someone has started screening the application (optional: screening may be recorded at once). */
  | { type: 'screening-started' }
  /** Risk flags set and the route chosen; checks are requested. */
  | { type: 'screened'; decision: 'standard' | 'fast-track' | 'child-protection-referral' }
  /** The safeguarding letter was filed with the court. */
  | { type: 'letter-filed' }
  /** The outcome of the first hearing (FHDRA) was recorded. */
  | { type: 'first-hearing-outcome'; outcome: 'resolved' | 'further-work' }
  /** A practitioner was allocated to the work ordered after the first hearing. */
  | { type: 'allocated' }
  /** Work on a court-ordered report has begun (again, for an addendum after one was filed). */
  | { type: 'report-started' }
  /** The report was filed with the court; hearings follow. */
  | { type: 'report-filed' }
  /** The court made its final order: the closing work (summary, letter to each child) begins. */
  | { type: 'final-order' }
  /** The closing work is done and our involvement ends. */
  | { type: 'closed' }
  /** The application was withdrawn or dismissed: our involvement ends at once. */
  | { type: 'withdrawn' }
  /** The court asked for more work after closure (e.g. a new application in the same proceedings). */
  | { type: 'reopened' };

export type CaseEventType = CaseEvent['type'];

export interface CaseStateFacts {
  status: string;
}

const OPEN: readonly PrivateLawState[] = PRIVATE_LAW_STATES.filter((s) => s !== 'closed');

/**
 * The one place that decides how a private-law case moves. Pure: no database, no clock.
 * An illegal move is refused with ILLEGAL_TRANSITION, naming where the case is and what
 * was tried, so the page can say so and the log can show it.
 */
export function transition(current: CaseStateFacts, event: CaseEvent): PrivateLawState {
  const from = current.status;
  const refuse = (): never => {
    throw new DomainError('ILLEGAL_TRANSITION', { from, event: event.type });
  };
  if (!isPrivateLawState(from)) return refuse();
  switch (event.type) {
    case 'screening-started':
      return from === 'received' ? 'screening' : refuse();
    case 'screened':
      return from === 'received' || from === 'screening' ? 'safeguarding-checks' : refuse();
    case 'letter-filed':
      return from === 'safeguarding-checks' ? 'awaiting-first-hearing' : refuse();
    case 'first-hearing-outcome':
      // The hearing can happen before the letter is filed (the KPI shows the lateness);
      // its outcome must still be recorded, but never before screening.
      if (from !== 'awaiting-first-hearing' && from !== 'safeguarding-checks') return refuse();
      return event.outcome === 'resolved' ? 'closed' : 'awaiting-allocation';
    case 'allocated':
      return from === 'awaiting-allocation' ? 'allocated' : refuse();
    case 'report-started':
      return from === 'allocated' || from === 'report-filed' ? 'reporting' : refuse();
    case 'report-filed':
      return from === 'reporting' ? 'report-filed' : refuse();
    case 'final-order':
      return from === 'allocated' || from === 'reporting' || from === 'report-filed' ? 'closing' : refuse();
    case 'closed':
      // Closure needs the final order first: a case cannot be closed while work is open.
      return from === 'closing' ? 'closed' : refuse();
    case 'withdrawn':
      return OPEN.includes(from) ? 'closed' : refuse();
    case 'reopened':
      return from === 'closed' ? 'awaiting-allocation' : refuse();
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The events a case in a state can take (for pages that offer only what is possible). */
export function possibleEvents(status: string): CaseEventType[] {
  const samples: CaseEvent[] = [
    { type: 'screening-started' },
    { type: 'screened', decision: 'standard' },
    { type: 'letter-filed' },
    { type: 'first-hearing-outcome', outcome: 'further-work' },
    { type: 'allocated' },
    { type: 'report-started' },
    { type: 'report-filed' },
    { type: 'final-order' },
    { type: 'closed' },
    { type: 'withdrawn' },
    { type: 'reopened' },
  ];
  return samples
    .filter((e) => {
      try {
        transition({ status }, e);
        return true;
      } catch {
        return false;
      }
    })
    .map((e) => e.type);
}
