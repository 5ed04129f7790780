/** Conversions between domain values and the portable column forms described in tables.ts. */
export const toDbTime = (date: Date): string => date.toISOString();
export const fromDbTime = (text: string): Date => new Date(text);
export const toDbTimeOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
export const fromDbTimeOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));
export const toDbBool = (value: boolean): number => (value ? 1 : 0);
export const fromDbBool = (value: number): boolean => value === 1;
