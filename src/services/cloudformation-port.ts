// What the services need from CloudFormation, in plain data: who owns a REST API, the stack's template,
// and drift detection. The services own this port; the SDK-backed implementation is in
// src/aws/cloudformation-client.ts.

export interface StackResourceSummary {
  logicalResourceId: string
  physicalResourceId?: string
  resourceType: string
  resourceStatus?: string
  /** IN_SYNC, MODIFIED, DELETED, NOT_CHECKED, UNKNOWN. */
  driftStatus?: string
}

export interface OwningStack {
  stackName: string
  stackId: string
  resources: StackResourceSummary[]
}

export type TemplateStage = 'Original' | 'Processed'

export type DriftDetectionStatus = 'DETECTION_IN_PROGRESS' | 'DETECTION_COMPLETE' | 'DETECTION_FAILED'

export interface DriftDetection {
  status: DriftDetectionStatus
  /** DRIFTED, IN_SYNC, NOT_CHECKED, UNKNOWN; absent while in progress. */
  stackDriftStatus?: string
  reason?: string
  driftedResources?: number
}

export interface PropertyDifference {
  propertyPath: string
  expectedValue?: string
  actualValue?: string
  /** ADD, REMOVE, NOT_EQUAL. */
  differenceType?: string
}

export interface ResourceDrift {
  logicalResourceId: string
  physicalResourceId?: string
  resourceType: string
  /** IN_SYNC, MODIFIED, DELETED, NOT_CHECKED. */
  driftStatus: string
  differences: PropertyDifference[]
}

export interface CloudFormationReader {
  /** The stack that owns this physical resource id (a REST API id), or undefined when none does. */
  stackOwning(physicalResourceId: string): Promise<OwningStack | undefined>
  /** Every resource of the stack (all pages). */
  listStackResources(stackName: string): Promise<StackResourceSummary[]>
  getTemplate(stackName: string, stage: TemplateStage): Promise<string>
  /** Starts drift detection and returns its id; CloudFormation computes it asynchronously. */
  detectStackDrift(stackName: string, logicalResourceIds?: string[]): Promise<string>
  driftDetectionStatus(detectionId: string): Promise<DriftDetection>
  /** The checked resources' drifts (all pages). */
  resourceDrifts(stackName: string): Promise<ResourceDrift[]>
}
