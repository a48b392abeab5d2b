// Seed data: the demo account in seed/*.json, or a user's own directory or JSON file, in the snapshot format.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { projectFolder } from '../paths.js'
import { MIGRATIONS_DIR } from '../db/client.js'
import { type Snapshot, SnapshotError } from '../stores/snapshot.js'

export const DEMO_SEED_DIR = projectFolder('seed')

function readJson (file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new SnapshotError(`Cannot read seed file ${file}: ${(err as Error).message}`)
  }
}

/** Reads a seed: one JSON file, or every *.json of a directory merged table by table (files in name order). */
export function readSeed (location: string): Snapshot {
  if (!fs.existsSync(location)) throw new SnapshotError(`Seed ${location} does not exist.`)
  const files = fs.statSync(location).isDirectory()
    ? fs.readdirSync(location).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(location, f))
    : [location]
  const merged: Snapshot = {}
  for (const file of files) {
    const content = readJson(file)
    if (typeof content !== 'object' || content === null || Array.isArray(content)) {
      throw new SnapshotError(`Seed file ${file} must hold a JSON object of tables.`)
    }
    for (const [table, records] of Object.entries(content)) {
      if (!Array.isArray(records)) throw new SnapshotError(`Seed file ${file}: '${table}' must be an array of records.`)
      merged[table] = [...(merged[table] ?? []), ...records]
    }
  }
  return merged
}

/** The demo seed (the account registry reads it once, to make the image accounts start from). */
export function readDemoSeed (): Snapshot {
  return readSeed(DEMO_SEED_DIR)
}

/**
 * Where `npm run build` leaves the demo database ready-made (migrated and seeded, without API keys),
 * so that a start copies it instead of building it (bench/RESULTS.md). The name carries a hash of
 * the migrations and the demo seed, so an image built from other files is never used.
 */
export function demoImageFile (): string {
  const hash = createHash('sha256')
  const journal = path.join(MIGRATIONS_DIR, 'meta', '_journal.json')
  const files = [
    ...fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(MIGRATIONS_DIR, f)),
    ...(fs.existsSync(journal) ? [journal] : []),
    ...fs.readdirSync(DEMO_SEED_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(DEMO_SEED_DIR, f))
  ]
  for (const file of files) hash.update(path.basename(file)).update('\0').update(fs.readFileSync(file)).update('\0')
  return path.join(projectFolder('dist'), `demo-seed-${hash.digest('hex').slice(0, 16)}.db`)
}

/** The ready-made demo database, when the build left one for these very migrations and seed. */
export function readDemoImage (): Buffer | undefined {
  try {
    return fs.readFileSync(demoImageFile())
  } catch {
    return undefined
  }
}
