// `npm start` runs this first: it builds only when what the build reads (sources, migrations, seed,
// build scripts, lockfile, TypeScript config, Node version) changed since the last build, which left
// a stamp of those inputs in dist/. `--stamp` writes the stamp (the last step of `npm run build`).
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.join(import.meta.dirname, '..')
const STAMP = path.join(root, 'dist', '.build-stamp')
const INPUTS = ['src', 'migrations', 'seed', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']
const OUTPUTS = ['dist/server.js', 'dist/server.cjs', 'dist/index.js']

function files (entry) {
  const full = path.join(root, entry)
  if (!fs.existsSync(full)) return []
  if (!fs.statSync(full).isDirectory()) return [entry]
  return fs.readdirSync(full).sort().flatMap((name) => files(path.join(entry, name)))
}

function fingerprint () {
  const hash = crypto.createHash('sha256').update(`${process.version}\n`)
  for (const file of INPUTS.flatMap(files)) {
    hash.update(`${file}\n`).update(fs.readFileSync(path.join(root, file))).update('\n')
  }
  return hash.digest('hex')
}

if (process.argv.includes('--stamp')) {
  fs.writeFileSync(STAMP, fingerprint())
} else {
  const built = fs.existsSync(STAMP) && OUTPUTS.every((file) => fs.existsSync(path.join(root, file)))
  if (built && fs.readFileSync(STAMP, 'utf8') === fingerprint()) {
    console.error('omnidesk-emulator: the build is up to date (dist/)')
  } else {
    console.error('omnidesk-emulator: building (sources changed since the last build, or none yet)')
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  }
}
