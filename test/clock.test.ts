import { describe, expect, it } from 'vitest'
import { Clock, formatDateTime, ParsedDateTimes, parseDateTime } from '../src/clock.js'

describe('Clock', () => {
  it('stands still when frozen and moves when advanced', () => {
    const clock = new Clock('UTC', '2019-09-28 22:08:14', () => 0)
    expect(clock.now()).toBe('2019-09-28 22:08:14')
    clock.advance(3600)
    expect(clock.now()).toBe('2019-09-28 23:08:14')
    expect(clock.secondsUntil('2019-10-01 12:00:00')).toBe(222706 - 3600)
  })

  it('runs with the wall clock from where it was frozen once unfrozen', () => {
    let wall = 1_000_000
    const clock = new Clock('UTC', '2019-09-28 22:08:14', () => wall)
    clock.unfreeze()
    wall += 5000
    expect(clock.now()).toBe('2019-09-28 22:08:19')
    expect(clock.frozen).toBe(false)
  })

  it('speaks the account time zone on the wire', () => {
    const clock = new Clock('Europe/Amsterdam', '2019-09-28 22:08:14', () => 0)
    expect(formatDateTime(clock.nowMs(), 'UTC')).toBe('2019-09-28 20:08:14')
    expect(clock.now()).toBe('2019-09-28 22:08:14')
  })

  it('refuses what is not a date-time', () => {
    expect(parseDateTime('2019-13-01 00:00:00', 'UTC')).toBeUndefined()
    expect(parseDateTime('yesterday', 'UTC')).toBeUndefined()
    expect(() => new Clock('UTC', 'soon')).toThrow(/YYYY-MM-DD HH:MM:SS/)
  })

  it('reads a date-time the same the second time, in its zone (parsed ones are kept)', () => {
    const utc = new ParsedDateTimes('UTC')
    const amsterdam = new ParsedDateTimes('Europe/Amsterdam')
    for (let round = 0; round < 2; round++) {
      expect(utc.parse('2019-09-28 22:08:14')).toBe(Date.UTC(2019, 8, 28, 22, 8, 14))
      expect(amsterdam.parse('2019-09-28 22:08:14')).toBe(Date.UTC(2019, 8, 28, 20, 8, 14))
      expect(utc.parse('2019-02-30 00:00:00')).toBeUndefined()
      expect(amsterdam.parse('2019-02-30 00:00:00')).toBeUndefined()
      expect(utc.parse('2019-09-28 22:08:14 and more')).toBeUndefined()
    }
    // More than are kept: the first are read again, the same.
    for (let i = 0; i < 5000; i++) utc.parse(formatDateTime(Date.UTC(2020, 0, 1) + i * 1000, 'UTC'))
    expect(utc.parse('2019-09-28 22:08:14')).toBe(Date.UTC(2019, 8, 28, 22, 8, 14))
    // A clock takes the kept ones only of its own zone.
    expect(new Clock('Europe/Amsterdam', '2019-09-28 22:08:14', () => 0, utc).nowMs()).toBe(Date.UTC(2019, 8, 28, 20, 8, 14))
  })
})
