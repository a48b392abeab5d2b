// The ceilings: bare Fastify servers (the emulator's Fastify) answering the same ticket JSON from
// memory. `schema` (the default) serializes it with the emulator's response schema; `plain` is the
// plainer one: no response schema, no hooks, the object handed to Fastify as it is. Plain JavaScript,
// so its cold start carries no build step.
// Usage: node bench/ceiling.mjs <work dir> <port> [schema|plain]
import fs from 'node:fs'
import path from 'node:path'
import Fastify from 'fastify'

const [dir, port, mode = 'schema'] = process.argv.slice(2)
const body = JSON.parse(fs.readFileSync(path.join(dir, 'ticket.json'), 'utf8'))
const app = Fastify({ logger: false })
app.get('/_emulator/health', async () => ({ status: 'ok' }))
if (mode === 'plain') {
  app.get('/api/v2/ticket/:ticketID', async () => body)
} else {
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8'))
  app.get('/api/v2/ticket/:ticketID', { schema: { response: { 200: schema } } }, async () => body)
}
await app.listen({ host: '127.0.0.1', port: Number(port) })
