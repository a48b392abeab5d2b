// The bench's report: every figure against its target, as a markdown table, printed and added at the
// top of the runs in bench/RESULTS.md (quick runs: bench/results/quick.md, not committed).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH, DURATION, median, QUICK, ROUNDS } from './lib.js'
import type { AccountsResult, ScaleResult } from './scale.js'

interface Summary { p50: number, p99: number, faultedTests: number, faultsPerFaultedTest: number }
export interface Figures {
  rps: Record<string, number[]>
  setstatusMs: number[]
  cold: Record<string, number[]>
  startup: Record<string, Array<{ importMs: number, startMs: number }>>
  perTest: { tests: number, emulatorInject: Summary, bareInject: Summary, emulatorHttp: Summary, bareHttp: Summary, emulatorNodeHttp: Summary, bareNodeHttp: Summary }
  scale: ScaleResult
  accounts: AccountsResult
  peers: boolean
  /** The first touch of a memory page (a minor page fault), in microseconds (lib.ts pageFaultMicros). */
  pageFaultUs: number
}

const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a')
const pass = (ok: boolean) => (ok ? 'met' : '**missed**')
const ms = (x: number) => `${x.toFixed(1)} ms`
/** How many of a suite's tests paid first-touch page faults (per-test.mjs), and how many each. */
const faulted = (s: Summary) => s.faultedTests === 0
  ? 'no test paid page faults'
  : s.faultedTests === 1
    ? `1 test paid ${Math.round(s.faultsPerFaultedTest)} page faults`
    : `${s.faultedTests} tests paid ~${Math.round(s.faultsPerFaultedTest)} page faults each`

export function writeReport (f: Figures): void {
  const m = (name: string) => median(f.rps[name] ?? [])
  const plain = m('plain')
  const coldRatio = median(f.cold.emulator ?? []) / median(f.cold.ceiling ?? [])
  const startOf = (kind: string, part: 'importMs' | 'startMs') => median((f.startup[kind] ?? []).map((s) => s[part]))
  const startRatio = startOf('emulator', 'startMs') / startOf('bare', 'startMs')
  const { scale, accounts, perTest } = f
  const big = scale.tickets.toLocaleString('en')
  const write = (name: string) => [name, `${Math.round(m(name))} req/s`, `${ratio(m(name), plain)} plain ceiling GET`, '≥ 0.40× plain ceiling GET', pass(m(name) >= 0.4 * plain)]
  const rows: string[][] = [
    ['GET ticket, 20-item timeline, 10 connections', `${Math.round(m('emulator'))} req/s`,
      `${ratio(m('emulator'), plain)} plain ceiling; ${ratio(m('emulator'), m('ceiling'))} schema ceiling; ${ratio(m('emulator'), m('prism'))} Prism; ${ratio(m('emulator'), m('json-server'))} json-server`,
      '≥ 0.85× plain ceiling; ≥ 0.75× schema ceiling; ≥ 2× Prism; ≥ 5× json-server',
      pass(m('emulator') >= 0.85 * plain && m('emulator') >= 0.75 * m('ceiling') && (!f.peers || (m('emulator') >= 2 * m('prism') && m('emulator') >= 5 * m('json-server'))))],
    ['POST ticket (form-encoded)', `${Math.round(m('POST ticket (form)'))} req/s`, `${ratio(m('POST ticket (form)'), plain)} plain ceiling GET; ${ratio(m('POST ticket (form)'), m('ceiling'))} schema ceiling GET`,
      '≥ 0.60× plain ceiling GET', pass(m('POST ticket (form)') >= 0.6 * plain)],
    write('chat message'),
    write('telephony call (newInboundCall + callCreateTicket)'),
    write('customer create'),
    ['setstatus on 1,000 tickets, one request', `${median(f.setstatusMs).toFixed(1)} ms median`, '', '< 50 ms', pass(median(f.setstatusMs) < 50)],
    ['cold start, seeded demo, new file DB', `${Math.round(median(f.cold.emulator ?? []))} ms`,
      `${coldRatio.toFixed(2)}× ceiling (${Math.round(median(f.cold.ceiling ?? []))} ms); Prism ${Math.round(median(f.cold.prism ?? []))} ms; json-server ${Math.round(median(f.cold['json-server'] ?? []))} ms`,
      '≤ 1.3× ceiling', pass(coldRatio <= 1.3)],
    ['startEmulator() in-process to the first ticket read', ms(startOf('emulator', 'startMs')),
      `${startRatio.toFixed(2)}× bare Fastify (${ms(startOf('bare', 'startMs'))}); import ${ms(startOf('emulator', 'importMs'))} against Fastify's ${ms(startOf('bare', 'importMs'))}`,
      '≤ 2× bare Fastify', pass(startRatio <= 2)],
    ['per test in-process (reset, 5 calls, reset; inject)', `p99 ${ms(perTest.emulatorInject.p99)}`, `p50 ${ms(perTest.emulatorInject.p50)}; bare Fastify p50 ${ms(perTest.bareInject.p50)}, p99 ${ms(perTest.bareInject.p99)}; ${faulted(perTest.emulatorInject)}`,
      'p99 ≤ 5 ms', pass(perTest.emulatorInject.p99 <= 5)],
    ['per test over HTTP (reset, 5 calls, reset; fetch)', `p99 ${ms(perTest.emulatorHttp.p99)}`, `p50 ${ms(perTest.emulatorHttp.p50)}; bare Fastify p50 ${ms(perTest.bareHttp.p50)}, p99 ${ms(perTest.bareHttp.p99)}; ${faulted(perTest.emulatorHttp)}`,
      'p99 ≤ 5 ms', pass(perTest.emulatorHttp.p99 <= 5)],
    ['per test over HTTP (reset, 5 calls, reset; node:http, as supertest)', `p99 ${ms(perTest.emulatorNodeHttp.p99)}`, `p50 ${ms(perTest.emulatorNodeHttp.p50)}; bare Fastify p50 ${ms(perTest.bareNodeHttp.p50)}, p99 ${ms(perTest.bareNodeHttp.p99)}; ${faulted(perTest.emulatorNodeHttp)}`,
      'p99 ≤ 5 ms', pass(perTest.emulatorNodeHttp.p99 <= 5)],
    [`${big} tickets: generated`, `${(scale.generateMs / 1000).toFixed(0)} s`, `${Math.round(scale.tickets / 10).toLocaleString('en')} customers too`, '< 2 minutes', pass(scale.generateMs < 120_000)],
    [`${big} tickets: GET one ticket`, `p99 ${scale.getP99} ms`, `${Math.round(scale.getRps)} req/s`, 'p99 < 5 ms', pass(scale.getP99 < 5)],
    [`${big} tickets: list, status filter`, `p99 ${scale.listP99} ms`, `${Math.round(scale.listRps)} req/s`, 'p99 < 20 ms', pass(scale.listP99 < 20)],
    [`${big} tickets: customer search`, `p99 ${scale.searchP99} ms`, `${Math.round(scale.searchRps)} req/s`, 'p99 < 20 ms', pass(scale.searchP99 < 20)],
    [`${big} tickets: memory`, `RSS ${scale.rssMb.toFixed(0)} MB`, '', '< 250 MB', pass(scale.rssMb < 250)],
    [`${big} tickets: cold start`, `${Math.round(median(scale.coldMs))} ms`, `${ratio(median(scale.coldMs), median(f.cold.emulator ?? []))} the demo's`, 'unchanged (≤ 1.3×)',
      pass(median(scale.coldMs) <= 1.3 * median(f.cold.emulator ?? []))],
    [`${accounts.accounts.toLocaleString('en')} accounts with the demo seed, idle`, `RSS ${accounts.rssMb.toFixed(0)} MB`,
      `${accounts.baseRssMb.toFixed(0)} MB with one; opened in ${(accounts.openMs / 1000).toFixed(1)} s; one more: ${accounts.overCap}`,
      '< 1 GB; one more refused (503)', pass(accounts.rssMb < 1024 && accounts.overCap === 503)]
  ]
  const table = [
    '| scenario | figure | ratio | target | result |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`)
  ].join('\n')
  const raw = [
    `req/s per round: ${Object.entries(f.rps).map(([k, v]) => `${k} ${v.map(Math.round).join(', ')}`).join('; ')}`,
    `setstatus ms: ${f.setstatusMs.map((x) => x.toFixed(1)).join(', ')}`,
    `cold start ms: ${Object.entries(f.cold).map(([k, v]) => `${k} ${v.map(Math.round).join(', ')}`).join('; ')}; ${scale.tickets} tickets ${scale.coldMs.map(Math.round).join(', ')}`,
    `startEmulator ms (import + start): ${Object.entries(f.startup).map(([k, v]) => `${k} ${v.map((s) => `${Math.round(s.importMs)}+${Math.round(s.startMs)}`).join(', ')}`).join('; ')}`,
    `per test ms (${perTest.tests} tests): ${JSON.stringify(perTest, (_k, v: unknown) => typeof v === 'number' ? Math.round(v * 100) / 100 : v)}`
  ].map((line) => `- ${line}`).join('\n')
  const report = `## Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${QUICK ? ' (quick)' : ''}

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; a memory page's first touch (a minor page fault) ${f.pageFaultUs.toFixed(1)} µs.
${ROUNDS} round(s) of ${DURATION} s per load, interleaved; medians. ${f.peers ? '' : 'Peers not installed: ratios against them are n/a.'}

${table}

Raw figures:
${raw}
`
  process.stdout.write(`\n${report}`)
  const resultsFile = QUICK ? path.join(BENCH, 'results', 'quick.md') : path.join(BENCH, 'RESULTS.md')
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
  const MARK = '<!-- runs: the newest first; written by npm run bench -->'
  const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : `# Benchmark results\n\n${MARK}\n`
  const [head, ...rest] = previous.split(MARK)
  fs.writeFileSync(resultsFile, `${head ?? ''}${MARK}\n\n${report}${rest.join(MARK).replace(/^\n+/, '\n')}`)
  process.stderr.write(`written to ${path.relative(path.join(BENCH, '..'), resultsFile)}\n`)
}
