// Fills a database file with the demo account plus N generated tickets from N/10 generated customers
// (each with an e-mail address), for load and scale tests; a progress bar on stderr.
// Usage: npx tsx scripts/generate-tickets.ts <database file> [count=100000]
import fs from 'node:fs'
import { Clock } from '../src/clock.js'
import { openDatabase } from '../src/db/client.js'
import { readDemoSeed } from '../src/account/seed.js'
import { type NewTicketRow } from '../src/db/schema.js'
import { ensureConfiguredKey } from '../src/stores/api-keys.js'
import { insertCustomerRows, refreshCustomerSearch } from '../src/stores/customers.js'
import { loadSnapshot } from '../src/stores/snapshot.js'
import { insertTicketRows } from '../src/stores/tickets.js'
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../src/domain/vocabulary.js'

const [file, countText = '100000'] = process.argv.slice(2)
if (!file) {
  console.error('Usage: npx tsx scripts/generate-tickets.ts <database file> [count]')
  process.exit(2)
}
const count = Number(countText)
const started = Date.now()
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
const db = openDatabase(file)
loadSnapshot(db, readDemoSeed())
ensureConfiguredKey(db, process.env.API_KEY ?? 'omnidesk-demo-key')
const ctx = { db, clock: new Clock('UTC', '2019-09-28 22:08:14') }
const BRAND_ADDRESS: Record<number, string> = { 2: 'service@mybrand.com', 3: 'info@despaak.nl', 4: 'klantenservice@groenrijk.nl' }
const GROUPS: Record<number, number[]> = { 2: [10002, 10003], 3: [10004, 10005, 10006], 4: [10007, 10008] }
const FIRST = ['Anna', 'Bram', 'Daan', 'Emma', 'Fleur', 'Jesse', 'Julia', 'Lars', 'Lotte', 'Milan', 'Noor', 'Ruben', 'Sanne', 'Sem', 'Tess', 'Thijs']
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker']
const start = Date.parse('2018-01-01T00:00:00Z')
const at = (n: number) => new Date(start + n * 613_000).toISOString().slice(0, 19).replace('T', ' ')

const bar = (what: string, done: number, of: number) => {
  const width = 30
  const filled = Math.round((done / of) * width)
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${of.toLocaleString('en')} ${what}, ${Math.round((Date.now() - started) / 1000)} s   `)
}

// Customers: ids and addresses of their own, after the demo's; brands in turn.
const firstCustomer = (db.sqlite.prepare('SELECT max(id) FROM customers').pluck().get() as number) + 1
const firstChannel = (db.sqlite.prepare('SELECT max(id) FROM customer_channels').pluck().get() as number) + 1
const customerCount = Math.max(1, Math.round(count / 10))
const customers: Array<{ id: number, brandId: number, address: string }> = []
const BATCH = 10_000
for (let done = 0; done < customerCount;) {
  const rows = []
  const channels = []
  for (let i = 0; i < BATCH && done < customerCount; i++, done++) {
    const brandId = 2 + (done % 3)
    const firstname = FIRST[done % FIRST.length] as string
    const lastname = `${LAST[Math.floor(done / FIRST.length) % LAST.length] as string}`
    const address = `klant${done + 1}@example.com`
    const id = firstCustomer + done
    rows.push({ id, brandId, externalPrimaryId: `CRM-${done + 1}`, firstname, lastname, createdAt: at(done) })
    channels.push({ id: firstChannel + done, brandId, customerId: id, channelId: 1, uniqueReference: address })
    customers.push({ id, brandId, address })
  }
  insertCustomerRows(ctx, rows, channels)
  bar('customers', done, customerCount)
}
process.stderr.write('\n')

for (let done = 0; done < count;) {
  const rows: NewTicketRow[] = []
  for (let i = 0; i < BATCH && done < count; i++, done++) {
    const customer = customers[done % customers.length] as (typeof customers)[number]
    const when = at(done)
    const groups = GROUPS[customer.brandId] ?? [0]
    rows.push({
      assignedGroupId: groups[done % groups.length],
      channelId: 1,
      createdAt: when,
      customerId: customer.id,
      direction: 'inbound',
      from: customer.address,
      icon: 'e-mail',
      lastUpdate: when,
      lastUpdateCustomer: when,
      priority: TICKET_PRIORITIES[done % 7 === 0 ? 2 : 1],
      status: TICKET_STATUSES[done % TICKET_STATUSES.length],
      title: `Vraag ${done + 1} over bestelling ${100000 + done}`,
      to: BRAND_ADDRESS[customer.brandId] ?? 'service@mybrand.com',
      brandId: customer.brandId
    })
  }
  insertTicketRows(ctx, rows)
  bar('tickets', done, count)
}
process.stderr.write('\n')
process.stderr.write('indexing the customers for search\n')
refreshCustomerSearch(db)
db.close()
console.log(`${file}: the demo account, ${customerCount.toLocaleString('en')} generated customers and ${count.toLocaleString('en')} generated tickets in ${Math.round((Date.now() - started) / 1000)} s`)
