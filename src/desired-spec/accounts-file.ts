// An accounts file in Cloud Custodian's c7n-org format (accounts: [{account_id, name, role, external_id,
// regions, tags}]), so teams that have one reuse it. Read strictly and checked against
// schemas/c7n-org-accounts.schema.json with line:column errors before any call.

import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import {UsageError} from '../core/errors.js'
import {schemaFaultAgainst} from './spec-schema.js'
import {YamlSource} from './yaml-source.js'

export interface AccountsFileEntry {
  accountId: string
  name: string
  /** Roles to assume in order (c7n-org's list form is a chain); empty: the caller's own credentials or `profile`. */
  roles: string[]
  externalId?: string
  profile?: string
  regions?: string[]
  tags: string[]
}

interface AccountDocument {
  account_id: string
  name?: string
  role?: string | string[]
  external_id?: string
  profile?: string
  regions?: string[]
  tags?: string[]
}

export async function loadAccountsFile(file: string, cwd: string): Promise<AccountsFileEntry[]> {
  let text: string
  try {
    text = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`--accounts ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not an accounts file' : `cannot be read (${code ?? (error as Error).message})`}`)
  }
  const source = YamlSource.parse(file, text)
  const data = source.data()
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw source.errorAtPath([], 'not an accounts file: expected a mapping with accounts:')
  const fault = schemaFaultAgainst('c7n-org-accounts.schema.json', data)
  if (fault) throw source.errorAtPath(fault.path, fault.message, fault.atKey)
  const accounts = (data as {accounts: AccountDocument[]}).accounts
  const seen = new Map<string, number>()
  return accounts.map((account, index) => {
    const earlier = seen.get(account.account_id)
    if (earlier !== undefined) throw source.errorAtPath(['accounts', index, 'account_id'], `account ${account.account_id} is listed twice (also accounts[${earlier}])`)
    seen.set(account.account_id, index)
    const roles = account.role === undefined ? [] : Array.isArray(account.role) ? account.role : [account.role]
    return {
      accountId: account.account_id,
      name: account.name ?? account.account_id,
      roles,
      ...(account.external_id ? {externalId: account.external_id} : {}),
      ...(account.profile ? {profile: account.profile} : {}),
      ...(account.regions ? {regions: account.regions} : {}),
      tags: account.tags ?? [],
    }
  })
}
