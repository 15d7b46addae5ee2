// The sandbox's CloudFormation stacks and what works on them: lookups by name, stack id or physical id, the
// template views (Original text, Processed), the resolution context for drift, and the asynchronous drift
// detections (DetectStackDrift answers at once; the result is there after `driftDetectionMs`, as AWS
// reports DETECTION_IN_PROGRESS first: "DetectStackDrift can take up to several minutes").

import {randomUUID} from 'node:crypto'

import type {SandboxStore} from '../store.js'
import {detectResourceDrift} from './drift.js'
import {type ResolveContext, Unresolved, resolveContext} from './resolution.js'
import {expandSam} from './sam.js'
import type {DriftDetection, ResourceDrift, StackRecord} from './stack-model.js'
import {type StackTemplate, type Template, isSamTemplate, readStackTemplate} from './stack-template.js'

export const DEFAULT_DRIFT_DETECTION_MS = 300

export interface StackView {
  parsed: StackTemplate
  processed: Template
}

export interface StacksOptions {
  store: SandboxStore
  clock: () => number
  driftDetectionMs: number
  /** Called after the stacks changed (an import, a finished detection), so they can be persisted. */
  onChange?: () => void
}

export class Stacks {
  /** By stack name, in creation order. */
  readonly records = new Map<string, StackRecord>()
  private readonly views = new WeakMap<StackRecord, StackView>()
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(readonly options: StacksOptions) {}

  get store(): SandboxStore {
    return this.options.store
  }

  now(): number {
    return this.options.clock()
  }

  /** A stack by name or by stack id (its ARN), as StackName accepts either. */
  find(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) {
      for (const record of this.records.values()) if (record.stackId === nameOrId) return record
      return undefined
    }
    return this.records.get(nameOrId)
  }

  /** The stack that owns a physical id (DescribeStackResources' PhysicalResourceId). */
  findByPhysicalId(physicalId: string): StackRecord | undefined {
    for (const record of this.records.values()) if (record.resources.some((resource) => resource.physicalId === physicalId)) return record
    return undefined
  }

  add(record: StackRecord): void {
    this.records.set(record.stackName, record)
    this.options.onChange?.()
  }

  /** Replaces every stack (a state file read on start); detections still in progress are finished now. */
  restore(records: readonly StackRecord[]): void {
    this.records.clear()
    for (const record of records) {
      this.records.set(record.stackName, record)
      for (const detection of record.detections) if (detection.status === 'DETECTION_IN_PROGRESS') this.complete(record, detection)
    }
  }

  reset(): void {
    this.close()
    this.records.clear()
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  view(record: StackRecord): StackView {
    let view = this.views.get(record)
    if (!view) {
      const parsed = readStackTemplate(record.templateBody)
      view = {parsed, processed: isSamTemplate(parsed.template) ? expandSam(parsed.template) : parsed.template}
      this.views.set(record, view)
    }
    return view
  }

  resolveContext(record: StackRecord): ResolveContext {
    const physicalIds = new Map(record.resources.map((resource) => [resource.logicalId, resource.physicalId]))
    return resolveContext(this.view(record).processed, record, this.store, (logicalId) => physicalIds.get(logicalId) ?? new Unresolved(`${logicalId} is not a resource of the stack`))
  }

  /** DetectStackDrift: starts a detection and returns it at once; the result follows after the delay. */
  startDetection(record: StackRecord, logicalIds: string[] | undefined): DriftDetection {
    const startedAt = this.now()
    const detection: DriftDetection = {
      id: randomUUID(),
      stackId: record.stackId,
      startedAt,
      completesAt: startedAt + this.options.driftDetectionMs,
      status: 'DETECTION_IN_PROGRESS',
    }
    if (logicalIds) detection.logicalIds = logicalIds
    record.detections.push(detection)
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (detection.status === 'DETECTION_IN_PROGRESS') this.complete(record, detection)
    }, this.options.driftDetectionMs)
    timer.unref()
    this.timers.add(timer)
    return detection
  }

  /** Finishes the detections whose time has come (also when the clock, not the timer, got there first). */
  settle(): void {
    const now = this.now()
    for (const record of this.records.values()) {
      for (const detection of record.detections) {
        if (detection.status === 'DETECTION_IN_PROGRESS' && detection.completesAt <= now) this.complete(record, detection)
      }
    }
  }

  findDetection(id: string): {record: StackRecord; detection: DriftDetection} | undefined {
    for (const record of this.records.values()) {
      const detection = record.detections.find((candidate) => candidate.id === id)
      if (detection) return {record, detection}
    }
    return undefined
  }

  private complete(record: StackRecord, detection: DriftDetection): void {
    const {processed} = this.view(record)
    const context = this.resolveContext(record)
    const checkedAt = this.now()
    let drifted = 0
    for (const resource of record.resources) {
      if (detection.logicalIds && !detection.logicalIds.includes(resource.logicalId)) continue
      const declared = processed.Resources[resource.logicalId]
      if (!declared) continue
      const result: ResourceDrift = detectResourceDrift({
        logicalId: resource.logicalId,
        physicalId: resource.physicalId,
        resource: declared,
        context,
        store: this.store,
        now: checkedAt,
      })
      record.resourceDrifts[resource.logicalId] = result
      resource.drift = {status: result.status, lastCheck: checkedAt}
      if (result.status === 'MODIFIED' || result.status === 'DELETED') drifted++
    }
    detection.status = 'DETECTION_COMPLETE'
    detection.stackDriftStatus = drifted > 0 ? 'DRIFTED' : 'IN_SYNC'
    detection.driftedCount = drifted
    record.drift = {status: detection.stackDriftStatus, lastCheck: checkedAt}
    this.options.onChange?.()
  }
}
