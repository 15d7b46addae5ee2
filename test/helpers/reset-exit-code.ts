// Commands set process.exitCode for results such as drift; without a reset it leaks into jest's own exit.
afterEach(() => {
  process.exitCode = undefined
})
