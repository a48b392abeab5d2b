// npm run fuzz -- --runs 2000 [--seed 7]: the property-based fuzz test, longer than CI runs it.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' } } })
const env = { ...process.env, FUZZ_RUNS: values.runs, ...(values.seed ? { FUZZ_SEED: values.seed } : {}) }
const result = spawnSync('npx', ['vitest', 'run', 'test/reliability/fuzz.test.ts', '--testTimeout', '0'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
