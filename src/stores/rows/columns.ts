// Rows read as arrays (better-sqlite3's raw mode) are made into objects with the keys of a column
// list: objects built by better-sqlite3 cost more to make and to serialize (bench/RESULTS.md), and a
// named list keeps the SQL's columns and the object's keys in one place instead of by position.

/** The SQL select list of the columns, in order. */
export function selectList (columns: Record<string, string>): string {
  return Object.values(columns).join(', ')
}

/**
 * A function that makes an object with these keys, in this order, from an array of values in the same
 * order. It is one object literal, made once from the keys: every key is in the object from the start,
 * where adding them one by one in a loop grew its property store a step at a time (a ticket row of 37
 * keys took ~600 ns and 1.8 KB allocated; the literal ~25 ns and 320 bytes: bench/RESULTS.md).
 */
export function objectMaker<K extends string> (keys: readonly K[]): (values: unknown[]) => Record<K, unknown> {
  const literal = keys.map((key, i) => `${JSON.stringify(key)}: values[${i}]`).join(', ')
  // The keys are the program's own column names (never a request's), each quoted by JSON.stringify.
  // eslint-disable-next-line no-new-func
  return new Function('values', `return { ${literal} }`) as (values: unknown[]) => Record<K, unknown>
}

/**
 * A function of these parameters that returns one array literal of these expressions, made once (the
 * way objectMaker makes its object): for values read by fixed names from objects of one shape.
 */
export function arrayMaker (parameters: readonly string[], expressions: readonly string[]): (...args: never[]) => unknown[] {
  // The expressions are the program's own, made from its column names (never a request's).
  // eslint-disable-next-line no-new-func
  return new Function(...parameters, `return [${expressions.join(', ')}]`) as (...args: never[]) => unknown[]
}

/** Makes an object with the columns' keys from a raw row in the order of the select list. */
export function rowMaker<K extends string> (columns: Record<K, string>): (values: unknown[]) => Record<K, unknown> {
  return objectMaker(Object.keys(columns) as K[])
}
