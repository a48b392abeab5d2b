// How Db.restoreFrom puts a start image attached to the connection back: the first time whole (each
// data table emptied and filled from the image), then only the rows written since, which temporary
// triggers note as they are written.
import type Database from 'better-sqlite3'

/** The schema name an image is attached under for Db.restoreFrom. */
export const SEED_SCHEMA = 'omnidesk_seed'

/** The temporary table (the connection's own, never in the file) where the triggers note changed rows. */
const CHANGED_TABLE = 'omnidesk_changed'
const CHANGED = `temp.${CHANGED_TABLE}`

/**
 * How a table is put back to the image's rows: whole (emptied and filled), or only the rows the
 * tracking noted (see trackChanges). A fill names its columns, and the rowid where no column is the
 * rowid: a copied row keeps its image's rowid, which is how the tracking finds it in the image.
 */
export interface TableCopy {
  name: string
  /** The columns a fill names (see columnList). */
  columns: string
  /** The image's largest rowid in the table (0 when it has no row): a row noted past it is not the image's. */
  lastImageRowid: number
  empty: Database.Statement
  fill: Database.Statement
  /** Prepared on the first reset that finds rows of the table noted. */
  noted?: { empty: Database.Statement, fill: Database.Statement }
}

/** An attached image's table copies, in their order, how many rows they copy in all, and the tracking once begun. */
export interface ImageCopy { tables: TableCopy[], rows: number, tracking?: Tracking }

/** The statements over the tracking's table: per table, how many rows are noted and the least rowid; forgetting them. */
interface Tracking { noted: Database.Statement, forget: Database.Statement }

/** What Tracking.noted reads, per table with rows noted: its number, how many rows, the least rowid. */
interface Noted { tbl: number, rows: number, first: number }

/**
 * From how many rows an image is copied whole with foreign keys off: past it their checks (a ticket's
 * delete alone runs seven cascades, each finding nothing; ~2–3 µs a row) cost more than turning them
 * off, which makes SQLite prepare every statement of the connection again (~2 ms of the calls after
 * it). An image of 110,000 rows copied in 415-570 ms with them on and 182 ms off; the demo's ~400
 * rows copy in ~1 ms with them on (bench/RESULTS.md).
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
  const tables = sqlite.prepare(`SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
      AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\' ORDER BY name`)
    .all() as Array<{ name: string, wr: number }>
  const copied = new Map(tables.filter(({ name }) => !KEPT_BY_TRIGGERS.includes(name)).map((table) => [table.name, table]))
  const rowless = [...copied.values()].find(({ wr }) => wr === 1)
  if (rowless) throw new Error(`${rowless.name} is a WITHOUT ROWID table: a reset finds a table's changed rows by rowid.`)
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
  let rows = 0
  const copies = ordered.map((name) => {
    const columns = columnList(sqlite, name)
    const image = sqlite.prepare(`SELECT count(*) AS rows, ifnull(max(rowid), 0) AS last FROM ${SEED_SCHEMA}."${name}"`).get() as { rows: number, last: number }
    rows += image.rows
    return {
      name,
      columns,
      lastImageRowid: image.last,
      empty: sqlite.prepare(`DELETE FROM main."${name}"`),
      fill: sqlite.prepare(`INSERT INTO main."${name}" (${columns}) SELECT ${columns} FROM ${SEED_SCHEMA}."${name}"`)
    }
  })
  return { tables: copies, rows }
}

/** A table's columns for a copy, with `rowid` first where no column is the rowid (an INTEGER PRIMARY KEY). */
function columnList (sqlite: Database.Database, table: string): string {
  const columns = sqlite.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(table) as Array<{ name: string, type: string, pk: number }>
  const keys = columns.filter(({ pk }) => pk > 0)
  const aliased = keys.length === 1 && keys[0]?.type.toUpperCase() === 'INTEGER'
  return [...(aliased ? [] : ['rowid']), ...columns.map(({ name }) => `"${name.replaceAll('"', '""')}"`)].join(', ')
}

/**
 * Puts the image's rows back whole, all in one `transaction`. Children are emptied before their
 * parents and filled after them, so no foreign key is broken on the way and no delete cascades into
 * rows copied already; a large image is copied with the keys off. Run before trackChanges: a table with
 * triggers is emptied row by row, where SQLite otherwise drops its pages at once.
 */
export function copyImage (sqlite: Database.Database, image: ImageCopy, transaction: (work: () => void) => void): void {
  const keysOff = image.rows > LARGE_IMAGE_ROWS
  if (keysOff) sqlite.pragma('foreign_keys = OFF')
  try {
    transaction(() => {
      for (let i = image.tables.length - 1; i >= 0; i--) image.tables[i]?.empty.run()
      for (const { fill } of image.tables) fill.run()
    })
  } finally {
    if (keysOff) sqlite.pragma('foreign_keys = ON')
  }
}

/**
 * From now on notes every row written to a copied table (inserted, updated or deleted, by a statement,
 * a trigger or a foreign key's cascade) by its table and rowid, in a temporary table of the
 * connection, so that copyNoted puts back only those: a reset then costs what the test wrote, not
 * the image's size (bench/RESULTS.md). The triggers are temporary too: the file never has them.
 * (What they cannot see: a row that `INSERT OR REPLACE` deletes for another row's sake, which fires no
 * delete trigger while recursive triggers are off. Nothing in the emulator writes with REPLACE.)
 */
export function trackChanges (sqlite: Database.Database, image: ImageCopy): void {
  // An upsert, not `INSERT OR IGNORE`: a trigger's conflict clause gives way to its statement's (a
  // foreign key's set null fires it with ABORT), an upsert's DO NOTHING holds under any of them.
  const note = (at: number, rowid: string): string => `INSERT INTO ${CHANGED} (tbl, rid) VALUES (${at}, ${rowid}) ON CONFLICT (tbl, rid) DO NOTHING;`
  // One script: each statement of its own would make SQLite read the temporary schema again.
  sqlite.exec([
    `CREATE TEMP TABLE ${CHANGED_TABLE} (tbl INTEGER NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;`,
    ...image.tables.flatMap(({ name }, at) => [
      `CREATE TEMP TRIGGER "omnidesk_changed_${at}_insert" AFTER INSERT ON main."${name}" BEGIN ${note(at, 'NEW.rowid')} END;`,
      `CREATE TEMP TRIGGER "omnidesk_changed_${at}_update" AFTER UPDATE ON main."${name}" BEGIN ${note(at, 'OLD.rowid')} ${note(at, 'NEW.rowid')} END;`,
      `CREATE TEMP TRIGGER "omnidesk_changed_${at}_delete" AFTER DELETE ON main."${name}" BEGIN ${note(at, 'OLD.rowid')} END;`
    ])
  ].join('\n'))
  image.tracking = {
    noted: sqlite.prepare(`SELECT tbl, count(*) AS rows, min(rid) AS first FROM ${CHANGED} GROUP BY tbl`),
    forget: sqlite.prepare(`DELETE FROM ${CHANGED}`)
  }
}

/** Ends what trackChanges began (before another image is attached and copied whole). */
export function stopTracking (sqlite: Database.Database, image: ImageCopy): void {
  if (image.tracking === undefined) return
  sqlite.exec([
    ...image.tables.flatMap((_table, at) => ['insert', 'update', 'delete'].map((event) => `DROP TRIGGER IF EXISTS temp."omnidesk_changed_${at}_${event}";`)),
    `DROP TABLE IF EXISTS ${CHANGED};`
  ].join('\n'))
  image.tracking = undefined
  for (const table of image.tables) table.noted = undefined
}

/**
 * Puts back the image's rows where the tracking noted a change, to be run in a transaction. Every noted
 * row is deleted, children's tables first, again until the deletes note no more (a parent's delete
 * cascades to its children, whose rows are then noted too); then every noted row the image has is
 * copied in, parents' tables first, and the notes are forgotten.
 */
export function copyNoted (sqlite: Database.Database, image: ImageCopy): void {
  const tracking = image.tracking
  if (tracking === undefined) throw new Error('copyNoted: the image has no change tracking (trackChanges)')
  const { tables } = image
  const statements = (at: number): { empty: Database.Statement, fill: Database.Statement } | undefined => {
    const table = tables[at]
    if (table === undefined) return undefined
    const noted = `rowid IN (SELECT rid FROM ${CHANGED} WHERE tbl = ${at})`
    table.noted ??= {
      empty: sqlite.prepare(`DELETE FROM main."${table.name}" WHERE ${noted}`),
      fill: sqlite.prepare(`INSERT INTO main."${table.name}" (${table.columns}) SELECT ${table.columns} FROM ${SEED_SCHEMA}."${table.name}" WHERE ${noted}`)
    }
    return table.noted
  }
  const total = (noted: Noted[]): number => noted.reduce((sum, { rows }) => sum + rows, 0)
  let noted = tracking.noted.all() as Noted[]
  for (;;) {
    const changed = new Set(noted.map(({ tbl }) => tbl))
    for (let at = tables.length - 1; at >= 0; at--) if (changed.has(at)) statements(at)?.empty.run()
    const now = tracking.noted.all() as Noted[]
    if (total(now) === total(noted)) break
    noted = now
  }
  // A table whose noted rows all came after the image's (a test's new tickets, say) has none to copy back.
  const copied = new Set(noted.filter(({ tbl, first }) => first <= (tables[tbl]?.lastImageRowid ?? 0)).map(({ tbl }) => tbl))
  for (let at = 0; at < tables.length; at++) if (copied.has(at)) statements(at)?.fill.run()
  tracking.forget.run()
}
