// Rows read as arrays (better-sqlite3's raw mode) are made into objects with the keys of a column
// list: objects built by better-sqlite3 cost more to make and to serialize (bench/RESULTS.md), and a
// named list keeps the SQL's columns and the object's keys in one place instead of by position.

/** The SQL select list of the columns, in order. */
export function selectList (columns: Record<string, string>): string {
  return Object.values(columns).join(', ')
}

/** Makes an object with the columns' keys from a raw row in the order of the select list. */
export function rowMaker<K extends string> (columns: Record<K, string>): (values: unknown[]) => Record<K, unknown> {
  const keys = Object.keys(columns) as K[]
  return (values) => {
    const row = {} as Record<K, unknown>
    for (let i = 0; i < keys.length; i++) row[keys[i] as K] = values[i]
    return row
  }
}
