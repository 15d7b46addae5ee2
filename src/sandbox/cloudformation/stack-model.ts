// The sandbox's stacks: what `--import-stack` declared and what drift detection found, kept as plain JSON
// (milliseconds for times) so the state file can hold it. Wire shapes follow botocore's
// cloudformation/2010-05-15 model (Stack, StackResource, StackResourceDrift, PropertyDifference).

export type StackStatus = 'CREATE_COMPLETE' | 'UPDATE_COMPLETE'
export const STACK_STATUSES: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE']

export type StackDriftStatus = 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKED' | 'UNKNOWN'
export type ResourceDriftStatus = 'IN_SYNC' | 'MODIFIED' | 'DELETED' | 'NOT_CHECKED' | 'UNKNOWN' | 'UNSUPPORTED'
export const RESOURCE_DRIFT_STATUSES: readonly ResourceDriftStatus[] = ['IN_SYNC', 'MODIFIED', 'DELETED', 'NOT_CHECKED', 'UNKNOWN', 'UNSUPPORTED']
export type DetectionStatus = 'DETECTION_IN_PROGRESS' | 'DETECTION_COMPLETE' | 'DETECTION_FAILED'

export interface PropertyDifference {
  PropertyPath: string
  ExpectedValue: string
  ActualValue: string
  DifferenceType: 'ADD' | 'REMOVE' | 'NOT_EQUAL'
}

export interface ResourceDrift {
  logicalId: string
  physicalId: string
  resourceType: string
  status: ResourceDriftStatus
  /** JSON text; absent for DELETED and NOT_CHECKED, as the model documents for DELETED. */
  expectedProperties?: string
  actualProperties?: string
  differences: PropertyDifference[]
  /** Why a resource was not checked (the model's DriftStatusReason). */
  reason?: string
  timestamp: number
}

export interface StackResourceRecord {
  logicalId: string
  resourceType: string
  physicalId: string
  status: StackStatus
  timestamp: number
  drift?: {status: ResourceDriftStatus; lastCheck: number}
}

export interface DriftDetection {
  id: string
  stackId: string
  startedAt: number
  /** When DETECTION_IN_PROGRESS turns into DETECTION_COMPLETE. */
  completesAt: number
  /** DetectStackDrift's LogicalResourceIds; every resource when absent. */
  logicalIds?: string[]
  status: DetectionStatus
  stackDriftStatus?: StackDriftStatus
  driftedCount?: number
}

export interface StackRecord {
  stackName: string
  stackId: string
  /** The template text exactly as declared (GetTemplate's Original stage). */
  templateBody: string
  stackStatus: StackStatus
  creationTime: number
  lastUpdatedTime: number
  parameters: Record<string, string>
  tags: Record<string, string>
  /** Logical id of each RestApi resource → the sandbox REST API it is. */
  restApis: Record<string, string>
  /** Resources of the processed template, by logical id. */
  resources: StackResourceRecord[]
  drift: {status: StackDriftStatus; lastCheck?: number}
  /** The latest result of each resource that has been checked. */
  resourceDrifts: Record<string, ResourceDrift>
  detections: DriftDetection[]
}

export function stackArn(region: string, accountId: string, stackName: string, uuid: string): string {
  return `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/${uuid}`
}
