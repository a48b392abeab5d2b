// The ceiling: a bare Fastify server (the emulator's Fastify) answering the same ticket JSON from
// memory with the same response schema. Plain JavaScript, so its cold start carries no build step.
// Usage: node bench/ceiling.mjs <work dir> <port>
import fs from 'node:fs'
import path from 'node:path'
import Fastify from 'fastify'

const [dir, port] = process.argv.slice(2)
const body = JSON.parse(fs.readFileSync(path.join(dir, 'ticket.json'), 'utf8'))
const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8'))
const app = Fastify({ logger: false })
app.get('/_emulator/health', async () => ({ status: 'ok' }))
app.get('/api/v2/ticket/:ticketID', { schema: { response: { 200: schema } } }, async () => body)
await app.listen({ host: '127.0.0.1', port: Number(port) })
