// What a test runner's globalSetup waits for: in a fresh process, `startEmulator()` (or a bare Fastify
// app made and listening, with one route answering the same ticket JSON) to the first answer of a
// ticket read, asked with node:http. Prints one JSON line: the import of the module and the start to
// the first answer, in milliseconds. Usage: node bench/start.mjs emulator|bare <ticket.json>
import fs from 'node:fs'
import http from 'node:http'

const [kind, ticketFile] = process.argv.slice(2)
const KEY = 'omnidesk-bench-key'
const TICKET = '/api/v2/ticket/858473?getTicketHistory=1'

const get = (url) => new Promise((resolve, reject) => {
  http.get(url, { headers: { apikey: KEY } }, (res) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => { body += chunk })
    res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: ${res.statusCode} ${body}`))))
  }).on('error', reject)
})

const importStarted = performance.now()
if (kind === 'emulator') {
  const { startEmulator } = await import('../dist/index.js')
  const started = performance.now()
  const emulator = await startEmulator({ apiKey: KEY, now: '2019-09-28 22:08:14' })
  await get(emulator.url + TICKET)
  const answered = performance.now()
  process.stdout.write(JSON.stringify({ importMs: started - importStarted, startMs: answered - started }) + '\n')
  await emulator.close()
} else {
  const { default: Fastify } = await import('fastify')
  const started = performance.now()
  const body = JSON.parse(fs.readFileSync(ticketFile, 'utf8'))
  const app = Fastify({ logger: false })
  app.get('/api/v2/ticket/:ticketID', async () => body)
  await app.listen({ host: '127.0.0.1', port: 0 })
  await get(`http://127.0.0.1:${app.server.address().port}${TICKET}`)
  const answered = performance.now()
  process.stdout.write(JSON.stringify({ importMs: started - importStarted, startMs: answered - started }) + '\n')
  await app.close()
}
