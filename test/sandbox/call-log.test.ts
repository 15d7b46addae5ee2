import {CallLog} from '../../src/sandbox/call-log.js'

const call = (index: number) => ({operation: `Op${index}`, method: 'GET', path: '/restapis', status: 200, mutating: false, at: index, account: '123456789012', region: 'us-east-1'})

describe('call log', () => {
  it('keeps every record up to its capacity, in order', () => {
    const log = new CallLog(100)
    for (let i = 0; i < 100; i++) log.record(call(i))
    expect(log.list().map((record) => record.at)).toEqual(Array.from({length: 100}, (_, i) => i))
    expect(log.dropped).toBe(0)
  })

  it('drops the oldest records beyond its capacity and counts them', () => {
    const log = new CallLog(100)
    for (let i = 0; i < 1_000; i++) log.record(call(i))
    const kept = log.list()
    expect(kept.length).toBeGreaterThanOrEqual(100)
    expect(kept.length).toBeLessThanOrEqual(110)
    expect(kept.at(-1)?.at).toBe(999)
    expect(log.dropped + kept.length).toBe(1_000)
    expect(kept[0].at).toBe(log.dropped)
  })
})
