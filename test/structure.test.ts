// The shape of the code, checked: no file in src/ over 300 lines, no import cycle (type-only imports
// count: they tie the modules' meaning together), and no module-level mutable state: what lives as
// long as the process lives in an object the app or the account registry owns.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.join(import.meta.dirname, '..', 'src')

function sourceFiles (dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

const files = sourceFiles()
const text = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]))
const relative = (file: string) => path.relative(SRC, file)

/** The project's own modules a file imports (or re-exports), as absolute .ts paths. */
function importsOf (file: string): string[] {
  const found: string[] = []
  for (const match of (text.get(file) ?? '').matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
    found.push(path.resolve(path.dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts')))
  }
  return found
}

describe('the structure of src/', () => {
  it('has no file over 300 lines', () => {
    const long = files.map((file) => [relative(file), (text.get(file) ?? '').split('\n').length] as const).filter(([, lines]) => lines > 300)
    expect(long).toEqual([])
  })

  it('has no import cycle', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]))
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(relative).join(' → '))
        return
      }
      state.set(file, 'open')
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })

  it('keeps no mutable state at module level', () => {
    const found: string[] = []
    for (const file of files) {
      for (const [i, line] of (text.get(file) ?? '').split('\n').entries()) {
        // A top-level let or var, or a Map, WeakMap or Set not typed read-only.
        if (/^(?:export\s+)?(?:let|var)\s/.test(line) || /^(?:export\s+)?const\s+\w+\s*(?::\s*(?!Readonly)[^=\s][^=]*)?=\s*new\s+(?:Weak)?(?:Map|Set)\b/.test(line)) {
          found.push(`${relative(file)}:${i + 1}: ${line.trim()}`)
        }
      }
    }
    expect(found).toEqual([])
  })
})
