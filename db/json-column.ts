import { invalidJsonObject } from './errors';

/** What a JSON column holds: always an object at the top, so fields can be added without a migration. */
export type JsonObject = { [key: string]: unknown };

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toJsonColumn(column: string, value: unknown): string {
  if (!isPlainObject(value)) throw invalidJsonObject(column);
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw invalidJsonObject(column, error);
  }
}

export function fromJsonColumn(column: string, text: string): JsonObject {
  const value: unknown = JSON.parse(text);
  if (!isPlainObject(value)) throw invalidJsonObject(column);
  return value;
}
