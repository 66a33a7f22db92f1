import { type IsoDate, parseIsoDate } from './iso-date.ts';

// Instants are stored in UTC; the working-day clocks run on the Europe/London calendar date.
// Intl (full ICU, bundled with Node) knows when British Summer Time starts and ends.
const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in England and Wales (Europe/London: GMT in winter, BST in summer) at the
 * given instant. E.g. 2024-06-30T23:30Z is 00:30 BST on 2024-07-01, so the result is 2024-07-01.
 */
export function londonDate(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('londonDate needs a valid Date');
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of londonFormatter.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return parseIsoDate(`${year.padStart(4, '0')}-${month}-${day}`);
}
