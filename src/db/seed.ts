// Seed data: the demo account in seed/*.json, or a user's own directory or JSON file, in the snapshot format.
import fs from 'node:fs'
import path from 'node:path'
import { projectFolder } from '../paths.js'
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

let demoSeed: Snapshot | undefined

/** The demo seed, read from disk once per process. */
export function readDemoSeed (): Snapshot {
  demoSeed ??= readSeed(DEMO_SEED_DIR)
  return demoSeed
}
