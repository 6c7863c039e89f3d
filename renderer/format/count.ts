// The window speaks English; a fixed locale keeps "1,000" the same on every machine.
const numbers = new Intl.NumberFormat('en');

/** `1000` → `1,000`. */
export function formatCount(n: number): string {
  return numbers.format(n);
}

/** `formatQuantity(1, 'role')` → `1 role`, `formatQuantity(1200, 'role')` → `1,200 roles`. */
export function formatQuantity(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
