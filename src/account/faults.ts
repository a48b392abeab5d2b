// Injected faults of one account: rules that make matching API requests fail, slow down or drop.
import type { Fault, FaultInput } from '../schemas/emulator.js'

/** A small seeded generator (mulberry32), so that `probability` with a `seed` is reproducible. */
function seeded (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pathPattern (path: string): RegExp {
  const escaped = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')
  return new RegExp(`^${escaped}$`, 'i')
}

interface ActiveRule { fault: Fault, pattern: RegExp, random: () => number }

export class Faults {
  readonly #rules: ActiveRule[] = []
  #nextId = 1

  add (input: FaultInput): Fault {
    const fault: Fault = { id: `fault-${this.#nextId++}`, ...input, hits: 0 }
    this.#rules.push({ fault, pattern: pathPattern(input.path), random: seeded(input.seed ?? Date.now()) })
    return fault
  }

  list (): Fault[] {
    return this.#rules.map((r) => r.fault)
  }

  remove (id: string): boolean {
    const i = this.#rules.findIndex((r) => r.fault.id === id)
    if (i < 0) return false
    this.#rules.splice(i, 1)
    return true
  }

  clear (): void {
    this.#rules.length = 0
  }

  get empty (): boolean {
    return this.#rules.length === 0
  }

  /** The first rule that takes this request (counting it against `times`), if any. */
  take (method: string, path: string): Fault | undefined {
    for (const rule of this.#rules) {
      const { fault } = rule
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue
      if (!rule.pattern.test(path)) continue
      if (fault.times !== undefined && fault.hits >= fault.times) continue
      if (fault.probability !== undefined && rule.random() >= fault.probability) continue
      fault.hits++
      return fault
    }
    return undefined
  }
}
