import { describe, expect, it } from 'vitest'
import { addBusinessMinutes } from '../src/sla.js'

const OFFICE = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }

describe('addBusinessMinutes', () => {
  it('gives the documented first-reply breach: 11 office hours after Saturday evening is Tuesday noon', () => {
    expect(addBusinessMinutes('2019-09-28 22:06:16', 660, OFFICE)).toBe('2019-10-01 12:00:00')
  })

  it('counts within one working day from the moment itself', () => {
    expect(addBusinessMinutes('2019-09-30 10:15:30', 60, OFFICE)).toBe('2019-09-30 11:15:30')
  })

  it('carries what is left over to the next working day', () => {
    expect(addBusinessMinutes('2019-10-04 16:30:00', 60, OFFICE)).toBe('2019-10-07 09:30:00')
  })

  it('counts every minute without business hours', () => {
    expect(addBusinessMinutes('2019-09-28 22:06:16', 240, null)).toBe('2019-09-29 02:06:16')
  })
})
