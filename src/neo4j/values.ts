import neo4j, { isDate, isDateTime, isInt, type Date as Neo4jDate, type Integer } from 'neo4j-driver';

/** A Neo4j Integer as a JS number, refusing values outside the safe range instead of rounding them. */
export function toSafeNumber(value: Integer | number): number {
  if (typeof value === 'number') return value;
  if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`integer ${value.toString()} is outside the safe range`);
  return value.toNumber();
}

/** Driver values (Integer, Date, DateTime, nested lists and maps) as plain JSON-friendly values. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers and booleans first: most values are, and the type checks below are not free.
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toNative);
  if (isInt(value)) return toSafeNumber(value as Integer);
  if (isDate(value) || isDateTime(value)) return (value as { toString(): string }).toString();
  const native: Record<string, unknown> = {};
  for (const key of Object.keys(value)) native[key] = toNative((value as Record<string, unknown>)[key]);
  return native;
}

/** A YYYY-MM-DD day as a Neo4j DATE, so range indexes and date() comparisons apply to it. */
export function toNeo4jDate(isoDay: string): Neo4jDate<Integer> {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  return new neo4j.types.Date(neo4j.int(year), neo4j.int(month), neo4j.int(day));
}
