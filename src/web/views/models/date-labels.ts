/** Local dates and months as the pages print them, from their `YYYY-MM-DD` and `YYYY-MM` keys. */
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-03-12" → "12 March 2026", by string arithmetic: the key is already a local date. */
export const dayLabel = (day: string): string =>
  `${Number(day.slice(8, 10))} ${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

/** "2026-03" → "March 2026". */
export const monthLabel = (month: string): string => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
