// CloudFormation is asked only when something needs it (an API that carries stack tags, --stack,
// --cfn-drift): the reader connects on its first call, so other runs never load its SDK client.

import type {AwsConnectionOptions} from './api-gateway-port.js'
import type {CloudFormationReader, DriftDetection, OwningStack, ResourceDrift, StackResourceSummary, TemplateStage} from './cloudformation-port.js'

export type ConnectedCloudFormation = CloudFormationReader & {stats?(): {calls: number}; close?(): void}

export type CloudFormationFactory = (connection: AwsConnectionOptions) => Promise<ConnectedCloudFormation>

/** The SDK-backed reader, loaded on first use. */
export async function connectCloudFormation(connection: AwsConnectionOptions): Promise<ConnectedCloudFormation> {
  const {createCloudFormationReader} = await import('../aws/clients.js')
  return createCloudFormationReader(connection)
}

export class LazyCloudFormation implements CloudFormationReader {
  private connected: Promise<ConnectedCloudFormation> | undefined

  constructor(
    private readonly connection: AwsConnectionOptions,
    private readonly create: CloudFormationFactory = connectCloudFormation,
  ) {}

  /** Calls made so far; none when it never connected. */
  async calls(): Promise<number> {
    return this.connected ? ((await this.connected).stats?.().calls ?? 0) : 0
  }

  async close(): Promise<void> {
    if (this.connected) (await this.connected).close?.()
  }

  stackOwning(physicalResourceId: string): Promise<OwningStack | undefined> {
    return this.reader().then((cfn) => cfn.stackOwning(physicalResourceId))
  }

  listStackResources(stackName: string): Promise<StackResourceSummary[]> {
    return this.reader().then((cfn) => cfn.listStackResources(stackName))
  }

  getTemplate(stackName: string, stage: TemplateStage): Promise<string> {
    return this.reader().then((cfn) => cfn.getTemplate(stackName, stage))
  }

  detectStackDrift(stackName: string, logicalResourceIds?: string[]): Promise<string> {
    return this.reader().then((cfn) => cfn.detectStackDrift(stackName, logicalResourceIds))
  }

  driftDetectionStatus(detectionId: string): Promise<DriftDetection> {
    return this.reader().then((cfn) => cfn.driftDetectionStatus(detectionId))
  }

  resourceDrifts(stackName: string): Promise<ResourceDrift[]> {
    return this.reader().then((cfn) => cfn.resourceDrifts(stackName))
  }

  private reader(): Promise<ConnectedCloudFormation> {
    this.connected ??= this.create(this.connection)
    return this.connected
  }
}
