// The bench at scale: an account of a million generated tickets (reads, a status-filtered list,
// customer search, memory, cold start), and a thousand accounts in one process, idle.
import path from 'node:path'
import { KEY, loadOk, log, QUICK, ROOT, ROUNDS, rssMb, runNode, sleep, start, stop } from './lib.js'

export interface ScaleResult {
  tickets: number
  generateMs: number
  coldMs: number[]
  getP99: number
  getRps: number
  listP99: number
  listRps: number
  searchP99: number
  searchRps: number
  rssMb: number
}

/** Generates the tickets (with their progress bar) and measures the account they make. */
export async function measureScale (work: string, tickets: number): Promise<ScaleResult> {
  const file = path.join(work, 'big.db')
  const generated = performance.now()
  await runNode(['--import', 'tsx', path.join(ROOT, 'scripts/generate-tickets.ts'), file, String(tickets)])
  const generateMs = performance.now() - generated
  const coldMs: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const s = await start('emulator', work, file)
    coldMs.push(s.coldMs)
    await stop(s)
  }
  const big = await start('emulator', work, file)
  const base = `http://127.0.0.1:${big.port}`
  const headers = { apiKey: KEY }
  // Tickets spread over the whole range, the demo's first ticket id being 858462.
  const ids = Array.from({ length: 50 }, (_, i) => 858_495 + 1 + Math.floor((i * tickets) / 50))
  const get = await loadOk('scale GET', { url: base, headers, requests: ids.map((id) => ({ method: 'GET' as const, path: `/api/v2/ticket/${id}` })) })
  const list = await loadOk('scale list', { url: `${base}/api/v2/ticket?status=pending&itemStart=100`, headers })
  // Searches as an agent types them: part of a name, an address, a CRM id; found often, rarely, or not at all.
  const customers = Math.max(1, Math.round(tickets / 10))
  // (The documented pattern takes letters, digits and spaces.)
  const queries = ['Jansen', 'Noor de', `klant${Math.ceil(customers / 3)}`, String(Math.ceil(customers / 7)), 'example', 'onbekend', 'ruben', 'Peters']
  const search = await loadOk('scale search', { url: base, headers, requests: queries.map((q) => ({ method: 'GET' as const, path: `/api/v2/customer?query=${encodeURIComponent(q)}` })) })
  const memory = rssMb(big.child.pid)
  await stop(big)
  log(`  ${tickets} tickets: GET p99 ${get.latency.p99} ms, list p99 ${list.latency.p99} ms, search p99 ${search.latency.p99} ms, RSS ${Math.round(memory)} MB`)
  return {
    tickets,
    generateMs,
    coldMs,
    getP99: get.latency.p99,
    getRps: get.requests.average,
    listP99: list.latency.p99,
    listRps: list.requests.average,
    searchP99: search.latency.p99,
    searchRps: search.requests.average,
    rssMb: memory
  }
}

export interface AccountsResult { accounts: number, rssMb: number, baseRssMb: number, overCap: number, overCapMessage: string, openMs: number }

/**
 * MAX_ACCOUNTS accounts in one process, each with the demo seed and one request answered, then idle;
 * one more is refused (the cap).
 */
export async function measureAccounts (work: string, accounts: number): Promise<AccountsResult> {
  const server = await start('emulator', work, ':memory:', { MAX_ACCOUNTS: String(accounts) })
  const base = `http://127.0.0.1:${server.port}`
  const baseRssMb = rssMb(server.child.pid)
  const opened = performance.now()
  // The default account is one of them.
  for (let i = 1; i < accounts; i++) {
    const res = await fetch(`${base}/_accounts/bench-${i}/api/v2/ticket/858473`, { headers: { apiKey: KEY } })
    if (!res.ok) throw new Error(`account ${i}: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
  }
  const openMs = performance.now() - opened
  const over = await fetch(`${base}/_accounts/one-too-many/api/v2/ticket/858473`, { headers: { apiKey: KEY } })
  const overCapMessage = (await over.json() as { message?: string }).message ?? ''
  await sleep(QUICK ? 500 : 3000)
  const memory = rssMb(server.child.pid)
  await stop(server)
  log(`  ${accounts} accounts: RSS ${Math.round(memory)} MB; one more: ${over.status}`)
  return { accounts, rssMb: memory, baseRssMb, overCap: over.status, overCapMessage, openMs }
}
