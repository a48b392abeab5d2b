// Accounts past the cap, against a real server process: RSS stays bounded and the health check holds.
import fs from 'node:fs'
import { expect, it } from 'vitest'
import { startCli } from '../helpers.js'

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024

it('creates accounts past MAX_ACCOUNTS: each past it is a 503, RSS stays bounded, health stays 200', async () => {
  const { child, url } = await startCli(['--port', '0', '--db', ':memory:', '--max-accounts', '300'])
  try {
    const statuses: number[] = []
    for (let i = 0; i < 340; i++) {
      const res = await fetch(`${url}/_accounts/load-${i}/_emulator/clock`)
      statuses.push(res.status)
      await res.arrayBuffer()
    }
    // The default account is one of the 300.
    expect(statuses.filter((s) => s === 200)).toHaveLength(299)
    expect(statuses.filter((s) => s === 503)).toHaveLength(41)
    expect((await fetch(`${url}/_emulator/health`)).status).toBe(200)
    const rss = rssMb(child.pid ?? 0)
    console.log(`RSS with 300 demo accounts: ${Math.round(rss)} MB`)
    expect(rss).toBeLessThan(1024)
  } finally {
    child.kill('SIGTERM')
  }
}, 120_000)
