const { createWx } = require('../support/wx')
const { loadModule } = require('../support/page')

const { poll } = loadModule('utils/poll.js', { wx: createWx().wx })

test('asks until the answer is final', async () => {
  const answers = ['created', 'created', 'paid']
  let asked = 0
  const result = await poll(async () => answers[asked++], (status) => status === 'paid', { intervalMs: 5 })
  expect(result).toEqual({ value: 'paid', done: true })
  expect(asked).toBe(3)
})

test('a page closed while it waits asks the server nothing more', async () => {
  let asked = 0
  let closed = false
  const waiting = poll(
    async () => {
      asked += 1
      return 'created'
    },
    (status) => status === 'paid',
    { intervalMs: 50, stopped: () => closed },
  )
  // The user leaves between two asks.
  await new Promise((resolve) => setTimeout(resolve, 10))
  closed = true

  expect(await waiting).toEqual({ value: 'created', done: false })
  expect(asked).toBe(1)
})

test('gives up at its deadline with the last answer', async () => {
  let asked = 0
  const result = await poll(
    async () => {
      asked += 1
      return 'created'
    },
    () => false,
    { intervalMs: 20, timeoutMs: 50 },
  )
  expect(result).toEqual({ value: 'created', done: false })
  expect(asked).toBeGreaterThanOrEqual(2)
})

test('a load that never succeeds fails with its error', async () => {
  const result = poll(
    async () => {
      throw new Error('offline')
    },
    () => true,
    { intervalMs: 5, timeoutMs: 20 },
  )
  await expect(result).rejects.toThrow('offline')
})
