// Part of `npm run build`: writes the demo database, migrated and seeded, to dist/ (src/account/seed.ts,
// demoImageFile), so that starting the demo copies it instead of building it. Runs on tsc's output.
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../dist/db/client.js'
import { demoImageFile, readDemoSeed } from '../dist/account/seed.js'
import { loadSnapshot } from '../dist/stores/snapshot.js'

const file = demoImageFile()
for (const old of fs.readdirSync(path.dirname(file))) {
  if (/^demo-seed-.*\.db$/.test(old)) fs.rmSync(path.join(path.dirname(file), old))
}
const db = openDatabase(':memory:')
loadSnapshot(db, readDemoSeed())
fs.writeFileSync(file, db.sqlite.serialize())
db.close()
