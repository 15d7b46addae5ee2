// The ARN partition of a Region: China and GovCloud have their own (IAM user guide, "ARN format").

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}
