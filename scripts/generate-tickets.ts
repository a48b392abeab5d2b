// Fills a database file with the demo account plus N generated tickets, for load and scale tests.
// Usage: npx tsx scripts/generate-tickets.ts <database file> [count=100000]
import fs from 'node:fs'
import { Clock } from '../src/clock.js'
import { openDatabase } from '../src/db/client.js'
import { readDemoSeed } from '../src/account/seed.js'
import { type NewTicketRow } from '../src/db/schema.js'
import { ensureConfiguredKey } from '../src/stores/api-keys.js'
import { loadSnapshot } from '../src/stores/snapshot.js'
import { insertTicketRows } from '../src/stores/tickets.js'
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../src/domain/vocabulary.js'

const [file, countText = '100000'] = process.argv.slice(2)
if (!file) {
  console.error('Usage: npx tsx scripts/generate-tickets.ts <database file> [count]')
  process.exit(2)
}
const count = Number(countText)
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
const db = openDatabase(file)
loadSnapshot(db, readDemoSeed())
ensureConfiguredKey(db, process.env.API_KEY ?? 'omnidesk-demo-key')
const ctx = { db, clock: new Clock('UTC', '2019-09-28 22:08:14') }
const customers = db.sqlite.prepare('SELECT c.id, c.brand_id AS brandId, cc.unique_reference AS address FROM customers c JOIN customer_channels cc ON cc.customer_id = c.id WHERE cc.channel_id = 1').all() as Array<{ id: number, brandId: number, address: string }>
const BRAND_ADDRESS: Record<number, string> = { 2: 'service@mybrand.com', 3: 'info@despaak.nl', 4: 'klantenservice@groenrijk.nl' }
const GROUPS: Record<number, number[]> = { 2: [10002, 10003], 3: [10004, 10005, 10006], 4: [10007, 10008] }
const start = Date.parse('2018-01-01T00:00:00Z')

const BATCH = 5000
const bar = (done: number) => {
  const width = 30
  const filled = Math.round((done / count) * width)
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${count.toLocaleString('en')} tickets`)
}
for (let done = 0; done < count;) {
  const rows: NewTicketRow[] = []
  for (let i = 0; i < BATCH && done < count; i++, done++) {
    const customer = customers[done % customers.length] as (typeof customers)[number]
    const at = new Date(start + done * 613_000).toISOString().slice(0, 19).replace('T', ' ')
    const groups = GROUPS[customer.brandId] ?? [0]
    rows.push({
      assignedGroupId: groups[done % groups.length],
      channelId: 1,
      createdAt: at,
      customerId: customer.id,
      direction: 'inbound',
      from: customer.address,
      icon: 'e-mail',
      lastUpdate: at,
      lastUpdateCustomer: at,
      priority: TICKET_PRIORITIES[done % 7 === 0 ? 2 : 1],
      status: TICKET_STATUSES[done % TICKET_STATUSES.length],
      title: `Vraag ${done + 1} over bestelling ${100000 + done}`,
      to: BRAND_ADDRESS[customer.brandId] ?? 'service@mybrand.com',
      brandId: customer.brandId
    })
  }
  insertTicketRows(ctx, rows)
  bar(done)
}
process.stderr.write('\n')
db.close()
console.log(`${file}: the demo account and ${count.toLocaleString('en')} generated tickets`)
