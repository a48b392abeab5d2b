#!/usr/bin/env node
// The command line: options become the environment variables the server reads, then it starts.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { projectFolder } from './paths.js'

const OPTIONS = {
  port: { type: 'string', env: 'PORT', help: 'TCP port (default 3000)' },
  host: { type: 'string', env: 'HOST', help: 'address to listen on (default 127.0.0.1)' },
  db: { type: 'string', env: 'DATABASE_PATH', help: 'SQLite file, or :memory: (default data/omnidesk.db)' },
  seed: { type: 'string', env: 'SEED', help: 'true, false, or the path of your own seed (default true)' },
  now: { type: 'string', env: 'NOW', help: 'freeze the clock at "YYYY-MM-DD HH:MM:SS"' },
  'api-key': { type: 'string', env: 'API_KEY', help: 'the key with every permission (default omnidesk-demo-key)' },
  timezone: { type: 'string', env: 'TIMEZONE', help: 'IANA time zone of date-times (default UTC)' },
  'log-level': { type: 'string', env: 'LOG_LEVEL', help: 'fatal, error, warn, info, debug, trace or silent' },
  'journal-limit': { type: 'string', env: 'JOURNAL_LIMIT', help: 'requests kept per account (default 1000)' },
  'rate-limit': { type: 'string', env: 'RATE_LIMIT', help: 'per API key, e.g. 100/60s (default none)' },
  'webhook-retry-factor': { type: 'string', env: 'WEBHOOK_RETRY_FACTOR', help: 'scales webhook retry delays (default 1)' },
  'allowed-hosts': { type: 'string', env: 'ALLOWED_HOSTS', help: 'more Host names to serve, comma-separated' },
  'control-token': { type: 'string', env: 'CONTROL_TOKEN', help: 'token the control API and inbox need' },
  'max-accounts': { type: 'string', env: 'MAX_ACCOUNTS', help: 'accounts in use at once (default 1000)' },
  'webhook-hosts': { type: 'string', env: 'WEBHOOK_HOSTS', help: 'more hosts webhooks may go to' }
} as const

const usage = `Usage: omnidesk-emulator [options]

A local emulator of the Omnidesk helpdesk API. Every option can also be set
by its environment variable; an option given here wins.

Options:
${Object.entries(OPTIONS).map(([name, o]) => `  --${name.padEnd(21)} ${o.help} [${o.env}]`).join('\n')}
  --version               print the version
  --help                  show this help
`

/** The command line's options; a wrong one ends the process with the usage. */
function parseOptions () {
  try {
    return parseArgs({
      options: { ...Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' as const }])), help: { type: 'boolean' }, version: { type: 'boolean' } },
      strict: true
    })
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`)
    process.exit(2)
  }
}

const parsed = parseOptions()

if (parsed.values.version) {
  const pkg = JSON.parse(fs.readFileSync(projectFolder('package.json'), 'utf8')) as { version: string }
  process.stdout.write(`omnidesk-emulator ${pkg.version}\n`)
  process.exit(0)
}

if (parsed.values.help) {
  process.stdout.write(usage)
  process.exit(0)
}

for (const [name, option] of Object.entries(OPTIONS)) {
  const value = (parsed.values as Record<string, string | boolean | undefined>)[name]
  if (typeof value === 'string') process.env[option.env] = value
}

await import('./server.js')
