// An IoHost for tests, like aws-cdk-cli's TestIoHost: it records every message and question and answers
// from a script. A confirmation or choice the script does not answer fails the test; a checklist keeps
// the ticked choices unless the script says otherwise.

import type {Choice, IoHost, IoMessage, IoRequest, IoRequestCode, IoRequestResponse} from '../../src/services/io-host.js'

export interface IoScript {
  confirm?: boolean
  /** Which values to keep, by question; the ticked ones by default. */
  keep?: (message: string, values: unknown[], choices: readonly Choice<unknown>[]) => unknown[]
  /** The value chosen, by question. */
  select?: (message: string, values: unknown[]) => unknown
}

export class TestIoHost implements IoHost {
  readonly messages: IoMessage[] = []
  readonly requests: IoRequest[] = []

  constructor(private readonly script: IoScript = {}) {}

  async notify(message: IoMessage): Promise<void> {
    this.messages.push(message)
  }

  async requestResponse<Code extends IoRequestCode>(request: IoRequest<Code>): Promise<IoRequestResponse[Code]> {
    this.requests.push(request as IoRequest)
    const {question} = request.data
    switch (question.kind) {
      case 'confirm':
        if (this.script.confirm === undefined) throw new Error(`unexpected question: ${request.message}`)
        return this.script.confirm as IoRequestResponse[Code]
      case 'checkbox': {
        const values = question.choices.map((choice) => choice.value)
        return (this.script.keep?.(request.message, values, question.choices) ?? question.choices.filter((choice) => choice.checked).map((choice) => choice.value)) as IoRequestResponse[Code]
      }
      case 'select':
        if (!this.script.select) throw new Error(`unexpected question: ${request.message}`)
        return this.script.select(request.message, question.choices.map((choice) => choice.value)) as IoRequestResponse[Code]
    }
  }

  /** The questions asked, in order. */
  get asked(): string[] {
    return this.requests.map((request) => request.message)
  }

  /** The choices of each checklist asked. */
  get checkboxChoices(): Array<readonly Choice<unknown>[]> {
    return this.requests.flatMap((request) => (request.data.question.kind === 'checkbox' ? [request.data.question.choices] : []))
  }

  /** The text of the warnings. */
  get warnings(): string[] {
    return this.messages.filter((message) => message.level === 'warn').map((message) => message.message)
  }
}
