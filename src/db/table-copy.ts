// How Db.restoreFrom copies a start image attached to the connection back in: each data table's
// statements that empty it and fill it again from the image, and the copy itself.
import type Database from 'better-sqlite3'

/** The schema name an image is attached under for Db.restoreFrom. */
export const SEED_SCHEMA = 'omnidesk_seed'

/**
 * How a table is put back to the image's rows: emptied and filled. A settings table (one whose changes
 * move settings_version) is left alone when that version has not moved since the last restore.
 */
export interface TableCopy { name: string, settings: boolean, empty: Database.Statement, fill: Database.Statement }

/** An attached image's table copies, in their order, and how many rows they copy in all. */
export interface ImageCopy { tables: TableCopy[], rows: number }

/**
 * From how many rows an image is copied with foreign keys off: past it their checks (a ticket's delete
 * alone runs seven cascades, each finding nothing; ~2–3 µs a row) cost more than turning them off,
 * which makes SQLite prepare every statement of the connection again (~2 ms of the calls after it).
 * An image of 110,000 rows copied in 415-570 ms with them on and 182 ms off; the demo's ~400 rows
 * copy in ~1 ms with them on (bench/RESULTS.md).
 */
export const LARGE_IMAGE_ROWS = 1000

/**
 * What triggers keep, never copied: the settings version (moved on, never back) and the customers the
 * search index has still to read (those the copy changes are noted again by its triggers).
 */
const KEPT_BY_TRIGGERS = ['settings_version', 'customer_search_pending']

/**
 * For each ordinary table of the data (not migrations' bookkeeping, not what triggers keep, no index's
 * own), its copy, parents before the tables whose foreign keys refer to them: emptied in the reverse
 * order and filled in this one, a small image's copy needs no `PRAGMA foreign_keys = OFF`, which makes
 * SQLite prepare every statement of the connection again on its next use (bench/RESULTS.md). With the
 * image's row count, which decides that (LARGE_IMAGE_ROWS).
 */
export function copyStatements (sqlite: Database.Database): ImageCopy {
  const tables = sqlite.prepare(`SELECT t.name,
      EXISTS (SELECT 1 FROM main.sqlite_master g WHERE g.type = 'trigger' AND g.tbl_name = t.name AND g.name LIKE '%settings\\_version' ESCAPE '\\') AS settings
    FROM pragma_table_list t WHERE t.schema = 'main' AND t.type = 'table'
      AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND t.name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\'
    ORDER BY t.name`).all() as Array<{ name: string, settings: number }>
  const copied = new Map(tables.filter(({ name }) => !KEPT_BY_TRIGGERS.includes(name)).map((table) => [table.name, table]))
  const parentsOf = sqlite.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck()
  const ordered: string[] = []
  const visiting = new Set<string>()
  const visit = (name: string): void => {
    if (ordered.includes(name)) return
    if (visiting.has(name)) throw new Error(`The tables' foreign keys make a cycle through ${name}: a reset cannot order its copy.`)
    visiting.add(name)
    for (const parent of parentsOf.all(name) as string[]) if (parent !== name && copied.has(parent)) visit(parent)
    visiting.delete(name)
    ordered.push(name)
  }
  for (const name of copied.keys()) visit(name)
  const rows = ordered.reduce((sum, name) => sum + (sqlite.prepare(`SELECT count(*) FROM ${SEED_SCHEMA}."${name}"`).pluck().get() as number), 0)
  const copies = ordered.map((name) => ({
    name,
    settings: copied.get(name)?.settings === 1,
    empty: sqlite.prepare(`DELETE FROM main."${name}"`),
    fill: sqlite.prepare(`INSERT INTO main."${name}" SELECT * FROM ${SEED_SCHEMA}."${name}"`)
  }))
  return { tables: copies, rows }
}

/**
 * Puts the image's rows back, all in one `transaction`; the settings tables only when `withSettings`.
 * Children are emptied before their parents and filled after them, so no foreign key is broken on the
 * way and no delete cascades into rows copied already; a large image is copied with the keys off.
 */
export function copyImage (sqlite: Database.Database, image: ImageCopy, withSettings: boolean, transaction: (work: () => void) => void): void {
  const copied = withSettings ? image.tables : image.tables.filter(({ settings }) => !settings)
  const keysOff = image.rows > LARGE_IMAGE_ROWS
  if (keysOff) sqlite.pragma('foreign_keys = OFF')
  try {
    transaction(() => {
      for (let i = copied.length - 1; i >= 0; i--) copied[i]?.empty.run()
      for (const { fill } of copied) fill.run()
    })
  } finally {
    if (keysOff) sqlite.pragma('foreign_keys = ON')
  }
}
